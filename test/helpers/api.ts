import type { ApiApp } from "../../src/server/app.js";
import { TEST_ORIGIN } from "./app.js";
import type { TestActor } from "./factories.js";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * Calls the API in-process as an actor: `api.post("/api/v1/...", agent, body)`. `null` as the actor sends
 * no credentials; a string is used as the raw Cookie header (a browser session).
 */
export function apiClient(app: ApiApp) {
  const call = async <T = unknown>(
    method: Method,
    url: string,
    actor: TestActor | string | null,
    body?: unknown,
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = {};
    if (typeof actor === "string") {
      headers.cookie = actor;
      headers.origin = TEST_ORIGIN;
    } else if (actor) {
      headers.authorization = `Bearer ${actor.token}`;
    }
    const response = await app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    const text = response.body;
    let parsed: unknown = text;
    if (text && String(response.headers["content-type"] ?? "").includes("json")) parsed = JSON.parse(text);
    return { status: response.statusCode, body: parsed as T, headers: response.headers };
  };
  return {
    get: <T = unknown>(url: string, actor: TestActor | string | null) => call<T>("GET", url, actor),
    post: <T = unknown>(url: string, actor: TestActor | string | null, body?: unknown) =>
      call<T>("POST", url, actor, body ?? {}),
    patch: <T = unknown>(url: string, actor: TestActor | string | null, body?: unknown) =>
      call<T>("PATCH", url, actor, body ?? {}),
    put: <T = unknown>(url: string, actor: TestActor | string | null, body?: unknown) =>
      call<T>("PUT", url, actor, body ?? {}),
    delete: <T = unknown>(url: string, actor: TestActor | string | null) => call<T>("DELETE", url, actor),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Signs in through the API like the web app does; returns the Cookie header for later requests. */
export async function signIn(app: ApiApp, email: string, password: string): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/session",
    headers: { origin: TEST_ORIGIN },
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "heed_session");
  if (!cookie) throw new Error("no session cookie");
  return `heed_session=${cookie.value}`;
}
