/**
 * Runs the messages of one ingest transaction side by side where they cannot affect each other. The
 * statements of a transaction run one at a time on its connection; run message after message, the
 * database waits idle while the app handles each result and builds the next statement (on the embedded
 * database, about as long as it works: docs/benchmarks.md, "Email ingest"). With several messages in
 * flight, one message's statement is already queued while another's result is handled.
 *
 * Messages that may depend on each other share a lane and keep their order: the same sender (one
 * customer, one acknowledgement cap), or one naming the other's Message-ID (a reply must find the
 * conversation its original opens). Lanes run concurrently.
 */

/**
 * Groups `items` into lanes: two items sharing any key (transitively) are in one lane, in their order
 * in `items`. Returns the lanes as lists of indexes into `items`, in the order of their first item.
 */
export function lanesOf<T>(items: readonly T[], keysOf: (item: T) => Iterable<string>): number[][] {
  const parent = items.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]!]!;
      index = parent[index]!;
    }
    return index;
  };
  const holder = new Map<string, number>();
  items.forEach((item, index) => {
    for (const key of keysOf(item)) {
      const other = holder.get(key);
      if (other === undefined) holder.set(key, index);
      else {
        const [a, b] = [root(other), root(index)];
        // The earlier item stays the root, so a lane is named after its first item.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const lanes = new Map<number, number[]>();
  items.forEach((_, index) => {
    const lane = root(index);
    const members = lanes.get(lane);
    if (members) members.push(index);
    else lanes.set(lane, [index]);
  });
  return [...lanes.values()];
}

/** PostgreSQL's answer to every statement after a failed one in the same transaction. */
const isAbortedTransaction = (error: unknown) => (error as { code?: unknown }).code === "25P02";

/**
 * Runs `run` for every item: lanes concurrently, the items of a lane one after another, each lane
 * stopping at its first failure. Settles only when every lane has stopped, so that no statement of
 * the transaction is still queued when the caller commits or rolls back; then rejects with the first
 * failure that is not merely the transaction being aborted by another.
 */
export async function runInLanes<T>(
  items: readonly T[],
  keysOf: (item: T) => Iterable<string>,
  run: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const failures: unknown[] = [];
  await Promise.all(
    lanesOf(items, keysOf).map(async (lane) => {
      try {
        for (const index of lane) await run(items[index]!, index);
      } catch (error) {
        failures.push(error);
      }
    }),
  );
  if (failures.length > 0) throw failures.find((error) => !isAbortedTransaction(error)) ?? failures[0];
}

/**
 * One-at-a-time sections by key inside a batch: a conversation two lanes reach (two addresses of one
 * customer answering it) gets their messages one after the other, as each reads its state first.
 */
export function keyedSections() {
  const tails = new Map<string, Promise<unknown>>();
  return async <R>(key: string, section: () => Promise<R>): Promise<R> => {
    const before = tails.get(key) ?? Promise.resolve();
    const result = before.then(section);
    tails.set(
      key,
      result.catch(() => {}),
    );
    return result;
  };
}
