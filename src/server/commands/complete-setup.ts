import type { Database } from "../db/types.js";
import { HttpError } from "../lib/errors.js";
import { hashToken } from "../lib/ids.js";
import { consumeSetupToken, lockSetup } from "../models/setup-tokens.js";
import { countUsers, type UserRow } from "../models/users.js";
import type { WorkspaceRow } from "../models/workspaces.js";
import { createWorkspaceIn, type CreateWorkspaceInput } from "./create-workspace.js";

/** The setup form: the link's token, the workspace and its owner. */
export interface CompleteSetupInput {
  token: string;
  workspaceName: string;
  name: string;
  email: string;
  password: string;
  language?: string;
}

/**
 * Creates the install's first workspace and owner with a setup link's token, once. Everything happens in
 * one transaction behind the setup lock, so two links used at the same moment still make one owner, and
 * a failure leaves the link usable. Throws 403 `invalid_setup_token` for an unknown, used or expired
 * token and whenever a user already exists.
 */
export async function completeSetup(db: Database, input: CompleteSetupInput): Promise<UserRow> {
  return db.transaction(async (tx) => {
    await lockSetup(tx);
    if ((await countUsers(tx)) > 0 || !(await consumeSetupToken(tx, hashToken(input.token)))) {
      throw new HttpError(403, "invalid_setup_token", "This setup link is invalid, used or expired");
    }
    const { owner } = await createWorkspaceIn(tx, {
      name: input.workspaceName,
      defaultLanguage: input.language,
      owner: { email: input.email, name: input.name, password: input.password, language: input.language },
    });
    return owner;
  });
}

/**
 * Creates the first workspace and owner unless a user exists (then returns undefined): the first start
 * with HEED_ADMIN_EMAIL/PASSWORD. Several processes starting together create one owner.
 */
export async function createFirstWorkspace(
  db: Database,
  input: CreateWorkspaceInput,
): Promise<{ workspace: WorkspaceRow; owner: UserRow } | undefined> {
  return db.transaction(async (tx) => {
    await lockSetup(tx);
    if ((await countUsers(tx)) > 0) return undefined;
    return createWorkspaceIn(tx, input);
  });
}
