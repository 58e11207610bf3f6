import type { AppContext } from "./context.js";
import { createFirstWorkspace } from "./commands/complete-setup.js";
import { hashToken, newId, randomToken } from "./lib/ids.js";
import { insertSetupToken } from "./models/setup-tokens.js";
import { countUsers } from "./models/users.js";

export type SetupResult =
  { kind: "ready" } | { kind: "owner-created"; email: string } | { kind: "setup-link"; url: string };

/**
 * First start: with HEED_ADMIN_EMAIL/PASSWORD the owner and a workspace are created; without them a
 * one-time setup link (valid 24 h) is made for the person at the console. Later starts do nothing.
 */
export async function ensureOwner(ctx: AppContext): Promise<SetupResult> {
  if ((await countUsers(ctx.db)) > 0) return { kind: "ready" };
  const { HEED_ADMIN_EMAIL: email, HEED_ADMIN_PASSWORD: password } = ctx.env;
  if (email && password) {
    const created = await createFirstWorkspace(ctx.db, {
      name: "My workspace",
      owner: { email, name: email.split("@")[0]!, password },
    });
    return created ? { kind: "owner-created", email } : { kind: "ready" };
  }
  const token = randomToken();
  await insertSetupToken(ctx.db, { id: newId(), tokenHash: hashToken(token), hours: 24 });
  return { kind: "setup-link", url: `${ctx.env.publicUrl}/setup?token=${token}` };
}
