/**
 * An error with an HTTP status and a stable code, rendered as
 * `{ "error": { "code", "message", "details" } }` by the error handler.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 404 for a record that is missing *or* belongs to someone else: the two must look the same. */
export const notFound = (what = "Resource") => new HttpError(404, "not_found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") =>
  new HttpError(403, "forbidden", message);
export const unauthorized = (message = "Sign in first") => new HttpError(401, "unauthorized", message);
export const conflict = (message: string, details?: unknown) =>
  new HttpError(409, "conflict", message, details);

/** 400 naming the field, in the same shape as schema validation errors. */
export const invalid = (field: string, message: string) =>
  new HttpError(400, "invalid_input", `${field}: ${message}`, [{ field, message }]);
