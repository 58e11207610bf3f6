import { randomUUID } from "node:crypto";
import type { AppContext } from "../../src/server/context.js";
import { createUser } from "../../src/server/commands/create-user.js";
import { createWorkspace } from "../../src/server/commands/create-workspace.js";
import { hashToken, newId, randomToken } from "../../src/server/lib/ids.js";
import { insertApiToken } from "../../src/server/models/api-tokens.js";
import type { Role, UserRow } from "../../src/server/models/users.js";

/** A signed-in user for API tests: requests carry its Bearer token. */
export interface TestActor {
  user: UserRow;
  workspaceId: string;
  token: string;
  password: string;
}

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;

async function tokenFor(ctx: AppContext, user: UserRow): Promise<string> {
  const token = `heed_${randomToken()}`;
  await insertApiToken(ctx.db, {
    id: newId(),
    workspaceId: user.workspace_id,
    userId: user.id,
    name: "test",
    tokenHash: hashToken(token),
    tokenPrefix: token.slice(0, 9),
  });
  return token;
}

/** A new workspace with its owner. */
export async function buildWorkspace(ctx: AppContext, overrides: { name?: string } = {}) {
  const password = "correct horse battery";
  const { workspace, owner } = await createWorkspace(ctx.db, {
    name: overrides.name ?? `Workspace ${randomUUID().slice(0, 6)}`,
    owner: { email: uniqueEmail("owner"), name: "Olga Owner", password },
  });
  const actor: TestActor = {
    user: owner,
    workspaceId: workspace.id,
    token: await tokenFor(ctx, owner),
    password,
  };
  return { workspace, owner: actor };
}

/** A user of the workspace with the given role (agent by default). */
export async function buildAgent(
  ctx: AppContext,
  workspaceId: string,
  overrides: { role?: Role; name?: string; email?: string } = {},
): Promise<TestActor> {
  const password = "agent password 1";
  const user = await ctx.db.transaction((tx) =>
    createUser(tx, {
      workspaceId,
      email: overrides.email ?? uniqueEmail("agent"),
      name: overrides.name ?? `Agent ${randomUUID().slice(0, 4)}`,
      role: overrides.role ?? "agent",
      password,
    }),
  );
  return { user, workspaceId, token: await tokenFor(ctx, user), password };
}
