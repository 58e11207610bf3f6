import type { AppContext } from "../../src/server/context.js";
import { saveSlaPolicy } from "../../src/server/commands/save-sla-policy.js";
import type { ConversationRow } from "../../src/server/models/conversations.js";
import { findConversationClocks, type ResponseClockRow } from "../../src/server/models/response-clocks.js";
import type { SlaPolicyFields } from "../../src/server/models/sla-policies.js";
import { buildConversation, ownerActor, type ConversationOverrides } from "./factories-conversations.js";

/**
 * An SLA policy of the workspace, tried after the existing ones; by default it gives every conversation
 * a first response in 30 minutes and nothing else.
 */
export async function buildSlaPolicy(
  ctx: AppContext,
  workspaceId: string,
  overrides: Partial<SlaPolicyFields> = {},
) {
  return saveSlaPolicy(ctx.db, await ownerActor(ctx, workspaceId), null, {
    name: `Policy ${Math.random().toString(36).slice(2, 8)}`,
    isEnabled: true,
    priorities: [],
    inboxIds: [],
    tagIds: [],
    firstResponseSeconds: 1800,
    nextResponseSeconds: null,
    resolutionSeconds: null,
    warnPercent: 80,
    ...overrides,
  });
}

/**
 * A conversation of a workspace that has an SLA policy (the caller makes one with buildSlaPolicy) and its
 * running first-response clock.
 */
export async function buildConversationWithClock(
  ctx: AppContext,
  overrides: ConversationOverrides & { workspaceId: string },
): Promise<{ conversation: ConversationRow; clock: ResponseClockRow }> {
  const { conversation } = await buildConversation(ctx, overrides);
  const clocks = await findConversationClocks(ctx.db, conversation.id);
  const clock = clocks.find((c) => c.kind === "first_response" && c.due_at !== null);
  if (!clock) throw new Error("the conversation has no first-response clock with a target");
  return { conversation, clock };
}
