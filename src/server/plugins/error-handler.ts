import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { DatabaseUnavailableError } from "../db/types.js";
import { HttpError } from "../lib/errors.js";

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const send = (statusCode: number, code: string, message: string, details?: unknown) => ({
  statusCode,
  body: { error: details === undefined ? { code, message } : { code, message, details } } satisfies ErrorBody,
});

/** Turns "body/customer/email" into "customer.email", the name a client sent. */
function fieldName(context: string | undefined, instancePath: string): string {
  const parts = instancePath.split("/").filter(Boolean);
  return parts.length > 0 ? parts.join(".") : (context ?? "input");
}

/**
 * One place that maps failures to the API's error shape: 400 naming the field, 404/409 from commands,
 * 429 from rate limits, 503 when the database is unreachable, and a logged 500 for anything else.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let result: ReturnType<typeof send>;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((item) => {
        const keys = (item.params as { keys?: unknown }).keys;
        const field = fieldName(error.validationContext, item.instancePath);
        // A field that must not be written is reported by its own name, not its parent's.
        if (item.keyword === "unrecognized_keys" && Array.isArray(keys) && typeof keys[0] === "string") {
          const parent = item.instancePath.split("/").filter(Boolean).join(".");
          return { field: parent ? `${parent}.${keys[0]}` : keys[0], message: "is not allowed" };
        }
        if (item.keyword === "invalid_type" && /received undefined/.test(item.message ?? "")) {
          return { field, message: "is required" };
        }
        return { field, message: item.message ?? "is invalid" };
      });
      const first = details[0];
      result = send(
        400,
        "invalid_input",
        first ? `${first.field}: ${first.message}` : "Invalid input",
        details,
      );
    } else if (error instanceof HttpError) {
      result = send(error.statusCode, error.code, error.message, error.details);
    } else if (error instanceof DatabaseUnavailableError) {
      request.log.warn({ err: error }, "database unavailable");
      result = send(503, "database_unavailable", "The database is unavailable; try again shortly");
      reply.header("Retry-After", "5");
    } else if (error.statusCode === 429) {
      result = send(429, "rate_limited", error.message || "Too many requests");
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      result = send(500, "internal", "Internal error");
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code =
        error.statusCode === 413
          ? "too_large"
          : error.statusCode === 415
            ? "unsupported_media_type"
            : "bad_request";
      result = send(error.statusCode, code, error.message);
    } else {
      request.log.error({ err: error }, "unhandled error");
      if (process.env.HEED_DEBUG_ERRORS) console.error(error);
      result = send(500, "internal", "Internal error");
    }
    void reply.status(result.statusCode).send(result.body);
  });

  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(send(404, "not_found", `No route for ${request.method} ${request.url.split("?")[0]}`).body);
  });
}
