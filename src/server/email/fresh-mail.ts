/** A message just stored: its row's id and the bytes the receiver had in hand. */
export interface StoredEmail {
  id: string;
  raw: Buffer;
}

/** Bytes of mail kept for the worker at most (oldest dropped first): a minute of a busy receiver. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of mail this process's receiver has just committed, held until this process's worker
 * turns the mail into conversations, so the worker need not read them back from the database. On the
 * embedded database that read was the largest single cost of ingest: bytea leaves the database
 * hex-encoded, twice its size, through the database thread's socket (docs/benchmarks.md, "Email
 * ingest"). The database stays the truth: the worker still claims each row there, and reads the bytes
 * of whatever is not here (mail stored before a restart, by another process, or dropped to keep this
 * under its size).
 */
export class FreshMail {
  private readonly byId = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  remember(stored: StoredEmail[]): void {
    for (const { id, raw } of stored) {
      if (raw.length > this.maxBytes || this.byId.has(id)) continue;
      this.byId.set(id, raw);
      this.bytes += raw.length;
    }
    // Oldest first: Map keeps insertion order.
    for (const [id, raw] of this.byId) {
      if (this.bytes <= this.maxBytes) break;
      this.byId.delete(id);
      this.bytes -= raw.length;
    }
  }

  /** The bytes of `id`, handed over once. */
  take(id: string): Buffer | undefined {
    const raw = this.byId.get(id);
    if (raw) {
      this.byId.delete(id);
      this.bytes -= raw.length;
    }
    return raw;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get size(): { messages: number; bytes: number } {
    return { messages: this.byId.size, bytes: this.bytes };
  }
}
