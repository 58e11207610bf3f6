import type { Database, Queryable } from "../db/types.js";
import { newId } from "../lib/ids.js";
import { recordEvent } from "../models/events.js";
import type { UserRow } from "../models/users.js";
import { insertWorkspace, type WorkspaceRow } from "../models/workspaces.js";
import { createUser } from "./create-user.js";

export interface CreateWorkspaceInput {
  name: string;
  owner: { email: string; name: string; password: string | null; language?: string };
  defaultLanguage?: string;
}

/** Creates a workspace and its owner in one transaction. Throws 409 when the owner's email is taken. */
export async function createWorkspace(
  db: Database,
  input: CreateWorkspaceInput,
): Promise<{ workspace: WorkspaceRow; owner: UserRow }> {
  return db.transaction((tx) => createWorkspaceIn(tx, input));
}

/** Like createWorkspace, inside a transaction the caller holds (first start, setup). Throws 409 likewise. */
export async function createWorkspaceIn(
  tx: Queryable,
  input: CreateWorkspaceInput,
): Promise<{ workspace: WorkspaceRow; owner: UserRow }> {
  const workspace = await insertWorkspace(tx, {
    id: newId(),
    name: input.name,
    defaultLanguage: input.defaultLanguage,
  });
  await recordEvent(tx, {
    workspaceId: workspace.id,
    type: "workspace.created",
    payload: { name: input.name },
  });
  const owner = await createUser(tx, {
    workspaceId: workspace.id,
    email: input.owner.email,
    name: input.owner.name,
    role: "owner",
    password: input.owner.password,
    language: input.owner.language,
  });
  return { workspace, owner };
}
