import { ApiError } from "../api/client.js";

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * An error as the user should read it. The situations the app can name (no connection, the database
 * away, too many tries, no permission, gone) are said in the user's language; anything else keeps the
 * server's own message, which names the field or the conflict.
 */
export function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.isOffline) return t("errors.offline");
  switch (error.code) {
    case "database_unavailable":
      return t("errors.unavailable");
    case "rate_limited":
      return t("errors.rateLimited");
    case "forbidden":
      return t("errors.forbidden");
    case "not_found":
      return t("errors.notFound");
    case "unauthorized":
      return t("errors.unauthorized");
    case "internal":
    case "http_error":
      return t("errors.server");
    default:
      return error.message;
  }
}
