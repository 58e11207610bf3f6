/**
 * The reply coach: what it finds in a draft (negative or blaming phrasing, jargon, long sentences, a wall
 * of text, no next step) and, for a complaint, which LATTE steps the draft covers. Read while the agent
 * types, so each request replaces the one before (TanStack Query aborts the stale one).
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "./client.js";
import type { TCoachFinding, TCoachResult } from "../../server/presenters/coach-presenter.js";

export type { TCoachFinding };
/** POST /coach's answer: findings in text order; `latte` only for a complaint. */
export type TCoachAnswer = TCoachResult;
export type TLatteStep = keyof NonNullable<TCoachResult["latte"]>;

export const latteSteps: TLatteStep[] = ["listen", "acknowledge", "takeAction", "thank", "explain"];

/**
 * POST /coach for the draft of a reply in `conversationId` (the server knows its language and whether it
 * is a complaint). Nothing is asked for an empty draft; while a new answer is on its way the last one
 * stays on screen, so the panel does not flicker or jump.
 */
export function useCoach(conversationId: string, text: string, closing: boolean) {
  return useQuery({
    queryKey: ["coach", conversationId, text, closing],
    queryFn: ({ signal }) =>
      api.post<TCoachAnswer>(
        "/coach",
        { text, context: { conversationId, ...(closing ? { closing: true } : {}) } },
        signal,
      ),
    enabled: text.trim() !== "",
    // The last answer for this conversation, never another conversation's.
    placeholderData: (previous, query) => (query?.queryKey[1] === conversationId ? previous : undefined),
    staleTime: 60_000,
    gcTime: 60_000,
    retry: false,
  });
}
