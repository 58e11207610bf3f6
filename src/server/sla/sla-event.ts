import type { NewEvent } from "../models/events.js";
import type { ResponseClockRow } from "../models/response-clocks.js";

/**
 * The `sla.*` event of a clock's step (started, paused, resumed, warning, breached, met, stopped,
 * cancelled, changed): the conversation's SLA history is these events, and agents get them live.
 */
export const slaEventOf = (clock: ResponseClockRow, type: string, at: Date): NewEvent => ({
  workspaceId: clock.workspace_id,
  conversationId: clock.conversation_id,
  type,
  payload: {
    clockId: clock.id,
    kind: clock.kind,
    policyName: clock.policy_name,
    targetSeconds: clock.target_seconds,
    dueAt: clock.due_at?.toISOString() ?? null,
    at: at.toISOString(),
  },
});
