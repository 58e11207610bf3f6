import { z } from "zod";
import type { InboxRow } from "../models/inboxes.js";

export const ZChannel = z.enum(["email", "chat", "phone", "api"]);
export const ZInboxAccess = z.enum(["all", "members"]);

/** An inbox; `widgetKey` only for chat inboxes, `address` for email ones. */
export const ZInbox = z.object({
  id: z.string(),
  name: z.string(),
  channel: ZChannel,
  address: z.string().nullable(),
  widgetKey: z.string().nullable(),
  access: ZInboxAccess,
  memberIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TInbox = z.infer<typeof ZInbox>;

/** An inbox with its member ids (who see it when access is 'members'). */
export function presentInbox(row: InboxRow, memberIds: string[]): TInbox {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    address: row.address,
    widgetKey: row.widget_key,
    access: row.access,
    memberIds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
