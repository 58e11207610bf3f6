import fs from "node:fs";
import { z } from "zod";

/** The sample secret shipped in `.env.example`; starting with it outside development is refused. */
export const SAMPLE_SECRET = "change-me-to-a-long-random-string-of-at-least-32-characters";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** The variables Heed reads, with their defaults; `.env.example` and the README document the same list. */
export const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    HEED_DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    HEED_PUBLIC_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    HEED_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
    HEED_SMTP_TLS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
    HEED_SMTP_TLS_CERT: z.preprocess(emptyToUndefined, z.string().optional()),
    HEED_SMTP_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    HEED_MAIL_FROM: z.preprocess(emptyToUndefined, z.string().email().optional()),
    HEED_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
    HEED_ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.string().email().optional()),
    HEED_ADMIN_PASSWORD: z.preprocess(
      emptyToUndefined,
      z.string().min(8, "must be at least 8 characters").optional(),
    ),
    HEED_ROLE: z.enum(["all", "web", "worker"]).default("all"),
    HEED_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine(
    (env, ctx) => {
      if (env.NODE_ENV !== "development" && env.NODE_ENV !== "test") {
        if (!env.HEED_SECRET) {
          ctx.addIssue({
            code: "custom",
            path: ["HEED_SECRET"],
            message: "is required outside development (generate one with: openssl rand -base64 48)",
          });
        } else if (env.HEED_SECRET === SAMPLE_SECRET || env.HEED_SECRET.length < 32) {
          ctx.addIssue({
            code: "custom",
            path: ["HEED_SECRET"],
            message: "must be your own random string of at least 32 characters, not the sample",
          });
        }
      }
      if (Boolean(env.HEED_SMTP_TLS_KEY) !== Boolean(env.HEED_SMTP_TLS_CERT)) {
        ctx.addIssue({
          code: "custom",
          path: ["HEED_SMTP_TLS_CERT"],
          message: "HEED_SMTP_TLS_KEY and HEED_SMTP_TLS_CERT must be set together",
        });
      }
      for (const name of ["HEED_SMTP_TLS_KEY", "HEED_SMTP_TLS_CERT"] as const) {
        const file = env[name];
        if (file && !fs.existsSync(file))
          ctx.addIssue({ code: "custom", path: [name], message: `no such file: ${file}` });
      }
      if (Boolean(env.HEED_ADMIN_EMAIL) !== Boolean(env.HEED_ADMIN_PASSWORD)) {
        ctx.addIssue({
          code: "custom",
          path: ["HEED_ADMIN_PASSWORD"],
          message: "HEED_ADMIN_EMAIL and HEED_ADMIN_PASSWORD must be set together",
        });
      }
    },
    // Run even when another variable is invalid, so one message lists every problem at once.
    { when: () => true },
  );

export type TEnv = z.infer<typeof ZEnv> & { publicUrl: string; mailFrom: string };

/** Raised when the environment is invalid; the message lists every bad variable. */
export class EnvError extends Error {}

/**
 * Validates the environment once at boot so a misconfiguration stops the process with one clear message
 * instead of failing later in a request. Throws EnvError.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): TEnv {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const publicUrl = (env.HEED_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  // Heed's own mail (invitations) comes from HEED_MAIL_FROM, else from "heed@" the public host name.
  const mailFrom = env.HEED_MAIL_FROM ?? `heed@${new URL(publicUrl).hostname}`;
  return { ...env, publicUrl, mailFrom };
}
