import { z } from "zod";

/** One thing the coach points out in a draft; offsets are UTF-16 positions in the text sent. */
export const ZCoachFinding = z.object({
  rule: z.enum(["negative", "blaming", "jargon", "long-sentence", "wall-of-text", "no-next-step"]),
  id: z.string(),
  start: z.number(),
  end: z.number(),
  excerpt: z.string(),
  message: z.string(),
  suggestion: z.string().nullable(),
});

/** The coach's answer: findings in text order and, for complaints, which LATTE steps the draft covers. */
export const ZCoachResult = z.object({
  lang: z.enum(["en", "ru", "hr", "sk"]),
  complaint: z.boolean(),
  closing: z.boolean(),
  findings: z.array(ZCoachFinding),
  latte: z
    .object({
      listen: z.boolean(),
      acknowledge: z.boolean(),
      takeAction: z.boolean(),
      thank: z.boolean(),
      explain: z.boolean(),
    })
    .nullable(),
});
export type TCoachResult = z.infer<typeof ZCoachResult>;
export type TCoachFinding = z.infer<typeof ZCoachFinding>;
