import type { Queryable } from "../db/types.js";

export type AskField = "off" | "optional" | "required";

export interface InboxChatRow {
  inbox_id: string;
  allowed_origins: string[];
  ask_name: AskField;
  ask_email: AskField;
  identity_secret_sealed: string | null;
}

/** A chat inbox's widget settings; defaults (any site, name and email optional) when none are saved. */
export async function findInboxChat(db: Queryable, inboxId: string): Promise<InboxChatRow> {
  const rows = await db.query<InboxChatRow>(
    `SELECT inbox_id, allowed_origins, ask_name, ask_email, identity_secret_sealed
       FROM inbox_chat WHERE inbox_id = $1`,
    [inboxId],
  );
  return (
    rows[0] ?? {
      inbox_id: inboxId,
      allowed_origins: [],
      ask_name: "optional",
      ask_email: "optional",
      identity_secret_sealed: null,
    }
  );
}

export interface InboxChatChange {
  allowedOrigins?: string[];
  askName?: AskField;
  askEmail?: AskField;
  identitySecretSealed?: string | null;
}

/** Saves the given settings of a chat inbox (others keep their value). */
export async function upsertInboxChat(
  tx: Queryable,
  inbox: { id: string; workspaceId: string },
  change: InboxChatChange,
): Promise<InboxChatRow> {
  const rows = await tx.query<InboxChatRow>(
    `INSERT INTO inbox_chat (inbox_id, workspace_id, allowed_origins, ask_name, ask_email, identity_secret_sealed)
     VALUES ($1, $2, coalesce($3::text[], '{}'), coalesce($4, 'optional'), coalesce($5, 'optional'), $6)
     ON CONFLICT (inbox_id) DO UPDATE SET
       allowed_origins = coalesce($3::text[], inbox_chat.allowed_origins),
       ask_name = coalesce($4, inbox_chat.ask_name),
       ask_email = coalesce($5, inbox_chat.ask_email),
       identity_secret_sealed = CASE WHEN $7 THEN $6 ELSE inbox_chat.identity_secret_sealed END,
       updated_at = now()
     RETURNING inbox_id, allowed_origins, ask_name, ask_email, identity_secret_sealed`,
    [
      inbox.id,
      inbox.workspaceId,
      change.allowedOrigins ?? null,
      change.askName ?? null,
      change.askEmail ?? null,
      change.identitySecretSealed ?? null,
      change.identitySecretSealed !== undefined,
    ],
  );
  return rows[0]!;
}
