import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client.js";
import { errorText } from "./error-text.js";

const t = (key: string) => `«${key}»`;

describe("errorText", () => {
  it("says the situations the app can name in the user's language", () => {
    expect(errorText(new ApiError(0, "offline", "The server cannot be reached"), t)).toBe("«errors.offline»");
    expect(errorText(new ApiError(503, "database_unavailable", "The database is unavailable"), t)).toBe(
      "«errors.unavailable»",
    );
    expect(errorText(new ApiError(429, "rate_limited", "Too many requests"), t)).toBe("«errors.rateLimited»");
    expect(errorText(new ApiError(502, "http_error", "502 Bad Gateway"), t)).toBe("«errors.server»");
  });

  it("keeps the server's message where it names the field or the conflict", () => {
    expect(errorText(new ApiError(409, "conflict", "A tag with this name exists"), t)).toBe(
      "A tag with this name exists",
    );
    expect(errorText(new ApiError(400, "invalid_input", "email: Invalid email address"), t)).toBe(
      "email: Invalid email address",
    );
    expect(errorText(new Error("boom"), t)).toBe("boom");
  });
});
