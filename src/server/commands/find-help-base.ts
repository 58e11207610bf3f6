import type { AppContext } from "../context.js";
import { findHelpCenter } from "../models/help-centers.js";
import { helpBase } from "../presenters/help-urls.js";
import { ensureHelpCenter } from "./ensure-help-center.js";

/**
 * The address the workspace's help center is reached at (its own host, else HEED_PUBLIC_URL), creating
 * the help center with its starter content on first use, so links given to customers always work.
 */
export async function findHelpBase(ctx: AppContext, workspaceId: string): Promise<string> {
  await ensureHelpCenter(ctx.db, workspaceId);
  const center = await findHelpCenter(ctx.db, workspaceId);
  return helpBase(ctx.env.publicUrl, center?.host ?? null);
}
