/**
 * Fills a migrated, empty Heed database with a realistic help desk for the benchmark: one workspace, a
 * few inboxes, teams and agents, customers with identities, conversations with their messages and tags,
 * in the four languages, spread over 60 days.
 *
 * Bulk rows are made by set-based SQL (`INSERT … SELECT … FROM generate_series`), one statement per
 * table, inside one transaction: per-row inserts from JavaScript would take hours on the embedded
 * database. Random choices are made once into temporary tables (conversations and their messages), so
 * the derived columns the app maintains (preview, message_count, last_message_at, waiting_since,
 * first_reply_at, search_vector, customers.last_seen_at) are computed from the very rows inserted, with
 * the same rules as the app's models. folder_counts is left to the triggers, as in production; `checkData`
 * verifies it.
 */
import { createUser } from "../src/server/commands/create-user.js";
import { createWorkspace } from "../src/server/commands/create-workspace.js";
import type { Database, Queryable } from "../src/server/db/types.js";
import { hashToken, newId, randomToken } from "../src/server/lib/ids.js";
import { insertApiToken } from "../src/server/models/api-tokens.js";
import { benchTags, corpus } from "./corpus.js";

export interface GenerateOptions {
  conversations: number;
  /** Default: 40% of the conversations. */
  customers?: number;
  agents?: number;
  /** Run ANALYZE at the end (default). Off: the planner knows what a never-analyzed embedded install knows. */
  analyze?: boolean;
  /** Called when a step ends. */
  onStep?: (step: string, ms: number) => void;
}

export interface GeneratedData {
  workspaceId: string;
  /** The agent the benchmark acts as ("mine" is theirs), with a Bearer token. */
  me: { userId: string; token: string };
  inboxIds: string[];
}

/** A time-ordered v7 uuid for the timestamp expression `ts`, like the app's `newId()` makes. */
const uuid7 = (ts: string) =>
  `(lpad(to_hex(floor(extract(epoch FROM ${ts}) * 1000)::bigint), 12, '0') || '7' ||
    substr(replace(gen_random_uuid()::text, '-', ''), 14, 19))::uuid`;

/** The app's previewOf(): whitespace collapsed, at most 160 characters. */
const previewSql = (body: string) =>
  `(SELECT CASE WHEN length(p) > 160 THEN left(p, 159) || '…' ELSE p END
      FROM (SELECT btrim(regexp_replace(${body}, '\\s+', ' ', 'g')) AS p) s)`;

/** A random element of a SQL array expression. */
const pick = (array: string) => `${array}[1 + floor(random() * cardinality(${array}))::int]`;

async function timed<T>(options: GenerateOptions, step: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  options.onStep?.(step, performance.now() - started);
  return result;
}

/** The workspace, its people and channels: few rows, made through the app's own commands where cheap. */
async function createSetup(db: Database, agents: number) {
  const { workspace, owner } = await createWorkspace(db, {
    name: "Bench Outfitters",
    owner: { email: `owner-${newId().slice(-8)}@bench.example`, name: "Olga Owner", password: null },
  });
  const names = [
    ...corpus.en.firstNames.map((f, i) => `${f} ${corpus.en.lastNames[i]}`),
    ...corpus.hr.firstNames.map((f, i) => `${f} ${corpus.hr.lastNames[i]}`),
    ...corpus.sk.firstNames.map((f, i) => `${f} ${corpus.sk.lastNames[i]}`),
  ];
  const agentIds = await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < agents; i++) {
      const user = await createUser(tx, {
        workspaceId: workspace.id,
        email: `agent${i + 1}-${workspace.id.slice(-6)}@bench.example`,
        name: names[i % names.length]!,
        role: i === 1 ? "admin" : "agent",
        password: null,
      });
      ids.push(user.id);
    }
    return ids;
  });
  const token = `heed_${randomToken()}`;
  await insertApiToken(db, {
    id: newId(),
    workspaceId: workspace.id,
    userId: agentIds[0]!,
    name: "bench",
    tokenHash: hashToken(token),
    tokenPrefix: token.slice(0, 9),
  });
  const inboxIds = [newId(), newId(), newId(), newId()];
  const teamIds = [newId(), newId(), newId()];
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO inboxes (id, workspace_id, name, channel, address, widget_key, access) VALUES
         ($1, $5, 'Support email', 'email', $6, NULL, 'all'),
         ($2, $5, 'Website chat', 'chat', NULL, $7, 'all'),
         ($3, $5, 'Phone line', 'phone', NULL, NULL, 'members'),
         ($4, $5, 'Marketplace API', 'api', NULL, NULL, 'all')`,
      [...inboxIds, workspace.id, `support-${workspace.id.slice(-8)}@bench.example`, randomToken(16)],
    );
    // The phone inbox is members-only: the benchmark agent and every third agent are members.
    await tx.query(
      `INSERT INTO inbox_members (workspace_id, inbox_id, user_id)
       SELECT $1, $2, u FROM unnest($3::uuid[]) WITH ORDINALITY AS a (u, n) WHERE n % 3 = 1`,
      [workspace.id, inboxIds[2], agentIds],
    );
    await tx.query(
      `INSERT INTO teams (id, workspace_id, name) SELECT t, $1, n
         FROM unnest($2::uuid[], ARRAY['Billing', 'Shipping', 'Technical']) AS x (t, n)`,
      [workspace.id, teamIds],
    );
    await tx.query(
      `INSERT INTO team_members (workspace_id, team_id, user_id)
       SELECT $1, ($2::uuid[])[1 + (n % 3)], u FROM unnest($3::uuid[]) WITH ORDINALITY AS a (u, n)`,
      [workspace.id, teamIds, agentIds],
    );
    await tx.query(
      `INSERT INTO tags (id, workspace_id, name, reason_group)
       SELECT ${uuid7("now()")}, $1, name, reason FROM unnest($2::text[], $3::text[]) AS t (name, reason)`,
      [workspace.id, benchTags.map((t) => t.name), benchTags.map((t) => t.reasonGroup)],
    );
  });
  return { workspace, owner, agentIds, inboxIds, teamIds, token };
}

/** Temporary tables with every random choice, so each derived column is computed from the same rows. */
async function createPlan(
  tx: Queryable,
  o: GenerateOptions,
  s: { agentIds: string[]; inboxIds: string[]; teamIds: string[]; customers: number },
) {
  await tx.query(
    `CREATE TEMP TABLE bench_corpus ON COMMIT DROP AS
     SELECT key AS lang,
            ARRAY(SELECT jsonb_array_elements_text(value -> 'firstNames')) AS first_names,
            ARRAY(SELECT jsonb_array_elements_text(value -> 'lastNames')) AS last_names,
            ARRAY(SELECT jsonb_array_elements_text(value -> 'subjects')) AS subjects,
            ARRAY(SELECT jsonb_array_elements_text(value -> 'customer')) AS customer,
            ARRAY(SELECT jsonb_array_elements_text(value -> 'agent')) AS agent,
            ARRAY(SELECT jsonb_array_elements_text(value -> 'products')) AS products
       FROM jsonb_each($1::jsonb)`,
    [JSON.stringify(corpus)],
  );
  await timed(o, "plan customers", () =>
    tx.query(
      `CREATE TEMP TABLE bench_customers ON COMMIT DROP AS
       SELECT i, lang, ${pick("k.first_names")} || ' ' || ${pick("k.last_names")} AS name,
              now() - interval '60 days' * random() AS created_at
         FROM (SELECT i, CASE WHEN r < 0.4 THEN 'en' WHEN r < 0.65 THEN 'ru' WHEN r < 0.85 THEN 'hr' ELSE 'sk' END AS lang
                 FROM (SELECT i, random() AS r FROM generate_series(1, $1) AS i) g) c
         JOIN bench_corpus k USING (lang)`,
      [s.customers],
    ),
  );
  await tx.query("ALTER TABLE bench_customers ADD COLUMN id uuid");
  await tx.query(`UPDATE bench_customers SET id = ${uuid7("created_at")}`);
  await tx.query("CREATE UNIQUE INDEX ON bench_customers (i)");
  await tx.query("ANALYZE bench_corpus, bench_customers");

  // Status first: it decides the shape of the timeline (open: the customer spoke last; pending: the
  // agent did) and how recent the conversation is (unresolved ones are mostly from the last two weeks).
  await timed(o, "plan conversations", () =>
    tx.query(
      `CREATE TEMP TABLE bench_conv ON COMMIT DROP AS
       SELECT g.i, c.id AS customer_id, c.lang, g.status, g.k,
              ($2::uuid[])[g.inbox] AS inbox_id,
              (ARRAY['email', 'chat', 'phone', 'api'])[g.inbox] AS channel,
              CASE WHEN g.r2 < 0.6 THEN 'normal' WHEN g.r2 < 0.8 THEN 'low' WHEN g.r2 < 0.95 THEN 'high' ELSE 'urgent' END
                AS priority,
              CASE WHEN g.status = 'resolved' OR g.r3 < 0.8
                   THEN ($3::uuid[])[1 + floor(cardinality($3::uuid[]) * power(random(), 1.2))::int] END AS assignee_id,
              CASE WHEN random() < 0.6 THEN ($4::uuid[])[1 + floor(random() * 3)::int] END AS team_id,
              CASE WHEN g.status = 'snoozed' THEN now() + interval '7 days' * random() + interval '1 hour' END
                AS snoozed_until,
              now() - g.k * interval '2 hours' -
                CASE WHEN g.status = 'resolved' THEN interval '58 days' * random()
                     ELSE interval '14 days' * power(random(), 2) END AS created_at,
              '#' || (100000 + g.i) AS order_no,
              ${pick("k.products")} AS product,
              ${pick("k.subjects")} AS subject
         FROM (SELECT i, r1, r2, r3, inbox,
                      CASE WHEN r1 < 0.55 THEN 'resolved' WHEN r1 < 0.8 THEN 'open'
                           WHEN r1 < 0.92 THEN 'pending' ELSE 'snoozed' END AS status,
                      CASE WHEN r1 >= 0.55 AND r1 < 0.8 THEN 1 + 2 * floor(random() * 5)::int
                           WHEN r1 >= 0.8 AND r1 < 0.92 THEN 2 + 2 * floor(random() * 4)::int
                           ELSE 1 + floor(random() * 9)::int END AS k,
                      1 + floor(power(random(), 1.5) * $5)::int AS customer
                 FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3,
                              CASE WHEN random() < 0.5 THEN 1 WHEN random() < 0.6 THEN 2
                                   WHEN random() < 0.5 THEN 3 ELSE 4 END AS inbox
                         FROM generate_series(1, $1) AS i) r) g
         JOIN bench_customers c ON c.i = g.customer
         JOIN bench_corpus k ON k.lang = c.lang`,
      [o.conversations, s.inboxIds, s.agentIds, s.teamIds, s.customers],
    ),
  );
  await tx.query(`ALTER TABLE bench_conv ADD COLUMN id uuid`);
  await tx.query(
    `UPDATE bench_conv SET id = ${uuid7("created_at")}, subject = replace(replace(subject, '{p}', product), '{n}', order_no)`,
  );
  await tx.query("CREATE UNIQUE INDEX ON bench_conv (i)");
  await tx.query("ANALYZE bench_conv");

  // Message j of a conversation: odd ones from the customer, even ones from an agent (some of them
  // internal notes, but never the last message of a pending conversation: that one is the reply the
  // customer owes an answer to). Times grow by 2 hours ± so the order is the order of j.
  await timed(o, "plan messages", () =>
    tx.query(
      `CREATE TEMP TABLE bench_msg ON COMMIT DROP AS
       SELECT m.conv, m.j, m.kind, m.at, ${uuid7("m.at")} AS id,
              replace(replace(m.body, '{p}', m.product), '{n}', m.order_no) AS body,
              m.author_user_id, m.author_customer_id
         FROM (SELECT c.i AS conv, j, c.product, c.order_no,
                      c.created_at + (j - 1) * interval '2 hours' + CASE WHEN j > 1 THEN random() * interval '100 minutes'
                                                                        ELSE interval '0' END AS at,
                      CASE WHEN j % 2 = 1 THEN 'incoming'
                           WHEN j < c.k AND random() < 0.12 THEN 'note' ELSE 'outgoing' END AS kind,
                      CASE WHEN j % 2 = 1 THEN
                             ${pick("k.customer")} || CASE WHEN random() < 0.6 THEN ' ' || ${pick("k.customer")} ELSE '' END
                           ELSE ${pick("k.agent")} || ' ' || ${pick("k.agent")} END AS body,
                      CASE WHEN j % 2 = 0 THEN coalesce(c.assignee_id, ${pick("($1::uuid[])")}) END AS author_user_id,
                      CASE WHEN j % 2 = 1 THEN c.customer_id END AS author_customer_id
                 FROM bench_conv c
                 JOIN bench_corpus k ON k.lang = c.lang
                 CROSS JOIN LATERAL generate_series(1, c.k) AS j) m
       UNION ALL
       -- "Ana assigned this to Marko": an activity line in some timelines, not counted as a message.
       SELECT c.i, 0, 'activity', c.created_at + interval '1 minute', ${uuid7("c.created_at + interval '1 minute'")},
              '', c.assignee_id, NULL
         FROM bench_conv c WHERE c.assignee_id IS NOT NULL AND c.i % 25 = 0`,
      [s.agentIds],
    ),
  );
  await tx.query("ANALYZE bench_msg");
}

/** Moves the plan into Heed's tables: one INSERT … SELECT per table. */
async function insertPlan(tx: Queryable, o: GenerateOptions, workspaceId: string) {
  await timed(o, "customers", () =>
    tx.query(
      `INSERT INTO customers (id, workspace_id, number, name, language, name_search, created_at, updated_at, last_seen_at)
       SELECT c.id, $1,
              -- a unique 6-character Crockford base32 number: i times an odd constant is a bijection mod 32^6
              (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (x >> (5 * d))::int % 32, 1), ''
                                 ORDER BY d DESC)
                 FROM (SELECT c.i * 747796405::bigint % 1073741824 AS x) n, generate_series(0, 5) AS d),
              c.name, c.lang, to_tsvector('heed_simple', c.name),
              least(c.created_at, s.first_at), least(c.created_at, s.first_at),
              greatest(c.created_at, s.last_at)
         FROM bench_customers c
         -- last_seen_at: when the customer last wrote, as the app keeps it (models/customers.ts touchSet)
         LEFT JOIN (SELECT v.customer_id, min(v.created_at) AS first_at, max(m.at) AS last_at
                      FROM bench_conv v JOIN bench_msg m ON m.conv = v.i AND m.kind = 'incoming'
                     GROUP BY v.customer_id) s ON s.customer_id = c.id`,
      [workspaceId],
    ),
  );
  await timed(o, "identities", () =>
    tx.query(
      `INSERT INTO identities (id, workspace_id, customer_id, kind, value, value_normalized, created_at)
       SELECT ${uuid7("created_at")}, $1::uuid, id, 'email', email, lower(email), created_at
         FROM (SELECT c.id, c.created_at,
                      CASE WHEN c.lang = 'ru' THEN 'client' || c.i
                           ELSE replace(heed_unaccent(c.name), ' ', '.') || c.i END ||
                      '@example.' || CASE c.lang WHEN 'en' THEN 'com' ELSE c.lang END AS email
                 FROM bench_customers c) e
       UNION ALL
       SELECT ${uuid7("created_at")}, $1::uuid, id, 'phone', phone, regexp_replace(phone, '\\D', '', 'g'), created_at
         FROM (SELECT c.id, c.created_at,
                      CASE c.lang WHEN 'en' THEN '+44 7700 ' WHEN 'ru' THEN '+7 916 ' WHEN 'hr' THEN '+385 91 '
                                  ELSE '+421 905 ' END || lpad((c.i * 7919 % 1000000)::text, 6, '0') || ' ' || (c.i % 10)
                        AS phone
                 FROM bench_customers c WHERE c.i % 20 < 7) p`,
      [workspaceId],
    ),
  );
  // The rules of the app's addMessageToConversation, applied to the whole timeline at once.
  await timed(o, "conversations", () =>
    tx.query(
      `INSERT INTO conversations (id, workspace_id, number, inbox_id, channel, customer_id, subject, status, priority,
         assignee_id, team_id, language, snoozed_until, preview, message_count, waiting_since, first_reply_at,
         resolved_at, last_message_at, created_at, updated_at, search_vector)
       SELECT c.id, $1, c.i, c.inbox_id, c.channel, c.customer_id, c.subject, c.status, c.priority,
              c.assignee_id, c.team_id, c.lang, c.snoozed_until, ${previewSql("m.last_body")}, m.n, m.waiting_since,
              m.first_reply_at, CASE WHEN c.status = 'resolved' THEN m.last_at + interval '5 minutes' END,
              m.last_at, c.created_at, m.last_at, heed_document(c.lang, concat_ws(' ', c.subject, m.document))
         FROM bench_conv c
         JOIN (SELECT conv, count(*)::int AS n, max(at) AS last_at,
                      min(at) FILTER (WHERE kind = 'outgoing') AS first_reply_at,
                      min(at) FILTER (WHERE kind = 'incoming' AND j > coalesce(last_reply, 0)) AS waiting_since,
                      (array_agg(body ORDER BY j DESC))[1] AS last_body,
                      string_agg(body, ' ' ORDER BY j) AS document
                 FROM (SELECT *, max(j) FILTER (WHERE kind = 'outgoing') OVER (PARTITION BY conv) AS last_reply
                         FROM bench_msg WHERE kind <> 'activity') t
                GROUP BY conv) m ON m.conv = c.i
        ORDER BY c.created_at`,
      [workspaceId],
    ),
  );
  await timed(o, "messages", () =>
    tx.query(
      `INSERT INTO messages (id, workspace_id, conversation_id, kind, body, author_user_id, author_customer_id, meta,
         delivery_status, created_at)
       SELECT m.id, $1, c.id, m.kind, m.body, m.author_user_id, m.author_customer_id,
              CASE WHEN m.kind = 'activity' THEN jsonb_build_object('action', 'assigned', 'assigneeId', m.author_user_id)
                   ELSE '{}'::jsonb END,
              CASE WHEN m.kind = 'outgoing' THEN 'sent' END, m.at
         FROM bench_msg m JOIN bench_conv c ON c.i = m.conv
        ORDER BY m.at`,
      [workspaceId],
    ),
  );
  await timed(o, "conversation tags", () =>
    tx.query(
      `INSERT INTO conversation_tags (workspace_id, conversation_id, tag_id, created_at)
       SELECT $1, c.id, t.id, c.created_at
         FROM bench_conv c
         JOIN LATERAL (SELECT 1 + (c.i * 7) % $2 AS a, 1 + (c.i * 7 + 1 + c.i % 5) % $2 AS b) x ON true
         JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM tags WHERE workspace_id = $1) t
           ON t.n = x.a OR (t.n = x.b AND c.i % 4 = 0)
        WHERE c.i % 4 <> 3`,
      [workspaceId, benchTags.length],
    ),
  );
  await tx.query(
    `INSERT INTO workspace_counters (workspace_id, name, value) VALUES ($1, 'conversation', $2)
     ON CONFLICT (workspace_id, name) DO UPDATE SET value = EXCLUDED.value`,
    [workspaceId, o.conversations],
  );
}

/**
 * Generates the data set into `db` (migrated; other workspaces may exist and are left alone) and
 * analyzes it (unless told not to), so the planner sees the real sizes. Returns what the workload needs
 * to act as an agent.
 */
export async function generateData(db: Database, options: GenerateOptions): Promise<GeneratedData> {
  const customers = options.customers ?? Math.max(10, Math.round(options.conversations * 0.4));
  const setup = await timed(options, "workspace, agents, inboxes, teams, tags", () =>
    createSetup(db, options.agents ?? 25),
  );
  await db.transaction(async (tx) => {
    // Temporary tables have no statistics until analyzed; with guessed millions of rows PostgreSQL
    // would spend seconds JIT-compiling each statement.
    await tx.query("SET LOCAL jit = off");
    await createPlan(tx, options, { ...setup, customers });
    await insertPlan(tx, options, setup.workspace.id);
  });
  // PGlite runs no autovacuum: without this the planner would guess table sizes and value frequencies.
  if (options.analyze !== false) await timed(options, "analyze", () => db.query("ANALYZE"));
  return {
    workspaceId: setup.workspace.id,
    me: { userId: setup.agentIds[0]!, token: setup.token },
    inboxIds: setup.inboxIds,
  };
}
