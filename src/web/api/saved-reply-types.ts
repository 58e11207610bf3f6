/**
 * Saved replies and macros as the API takes and answers them: the server's presenters and the routes'
 * zod schemas, as type-only imports.
 */
import type { z } from "zod";
import type { ZCreateMacroBody, ZUpdateMacroBody } from "../../server/routes/macros.js";
import type { ZCreateSavedReplyBody, ZUpdateSavedReplyBody } from "../../server/routes/saved-replies.js";

export type { TMacro, TMacroActions, TMacroApplied } from "../../server/presenters/macro-presenter.js";
export type {
  TFilledReply,
  TSavedReply,
  TSavedReplyFolder,
} from "../../server/presenters/saved-reply-presenter.js";

export type TSavedReplyBody = z.input<typeof ZCreateSavedReplyBody>;
export type TSavedReplyPatch = z.input<typeof ZUpdateSavedReplyBody>;
export type TMacroBody = z.input<typeof ZCreateMacroBody>;
export type TMacroPatch = z.input<typeof ZUpdateMacroBody>;
