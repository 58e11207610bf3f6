import type { Actor } from "../context.js";
import type { Queryable } from "../db/types.js";
import { coachReply, type CoachLang, type CoachResult } from "../coach/coach.js";
import { foldText } from "../coach/fold-text.js";
import { guessLanguage } from "../lib/guess-language.js";
import { findLastCustomerText } from "../models/help-suggestions.js";
import { findWorkspace } from "../models/workspaces.js";
import { getConversation } from "./get-conversation.js";

export interface CoachDraftInput {
  text: string;
  lang?: CoachLang;
  conversationId?: string;
  /** Overrides what the conversation says (a complaint tag or an unhappy customer). */
  complaint?: boolean;
  closing?: boolean;
}

export interface CoachDraftResult extends CoachResult {
  complaint: boolean;
  closing: boolean;
}

/**
 * Tag names that mark a complaint, in the four languages, compared without case and diacritics by
 * their stem: "complaint", "Complaints", "reklamacija", "reklamácia", "sťažnosť", "жалоба", "претензия",
 * "prigovor", "pritužba".
 */
const COMPLAINT_STEMS = [
  "complain",
  "reklamac",
  "staznost",
  "zaloba",
  "жалоб",
  "претенз",
  "prigovor",
  "prituzb",
];

/** Whether one of the conversation's tags names a complaint. */
export const isComplaintTag = (name: string): boolean =>
  COMPLAINT_STEMS.some((stem) => foldText(name).startsWith(stem));

/**
 * The reply coach's reading of a draft. With a conversation (one the actor may see; 404 otherwise) the
 * coach reads it in the conversation's language, knows the customer's last message (for LATTE's
 * "Listen") and treats it as a complaint when a tag says so or the customer's latest message was
 * negative. Without one, the language is the one asked for, else guessed from the draft, else the
 * workspace's default. The workspace's jargon list is added to the built-in one. Reads only.
 */
export async function coachDraft(
  db: Queryable,
  actor: Actor,
  input: CoachDraftInput,
): Promise<CoachDraftResult> {
  const workspace = await findWorkspace(db, actor.workspaceId);
  const conversation = input.conversationId
    ? await getConversation(db, actor, input.conversationId)
    : undefined;
  const customerText = conversation ? await findLastCustomerText(db, conversation.id) : undefined;
  const lang: CoachLang =
    input.lang ??
    (conversation?.language as CoachLang | undefined) ??
    guessLanguage(input.text) ??
    (workspace?.default_language as CoachLang | undefined) ??
    "en";
  const complaint =
    input.complaint ??
    (conversation
      ? conversation.tag_names.some(isComplaintTag) || conversation.sentiment === "negative"
      : false);
  const closing = input.closing ?? false;
  const result = coachReply({
    text: input.text,
    lang,
    complaint,
    closing,
    customerText,
    jargon: workspace?.coach_jargon ?? [],
  });
  return { ...result, complaint, closing };
}
