import { z } from "zod";

export const ZError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** The error answers every API route can give, for the OpenAPI document. */
export const ZErrorResponses = {
  400: ZError,
  401: ZError,
  403: ZError,
  404: ZError,
  409: ZError,
  429: ZError,
  503: ZError,
} as const;

export const ZUuidParams = z.strictObject({ id: z.uuid() });

/** `?limit=&cursor=` of every list; limit at most 100. */
export const ZPageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
};

export const ZLanguage = z.enum(["en", "ru", "hr", "sk"]);

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });
