/**
 * The web app's only way to the server: JSON over the public API (API.md), with its errors turned into
 * ApiError so every screen can show the server's own message. A request that never reached the server
 * is an ApiError with status 0, which the connection banner listens for.
 */

export interface ApiErrorDetail {
  field?: string;
  message: string;
}

/** An answer other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
  /** True when the server could not be reached (network down, server stopped). */
  get isOffline(): boolean {
    return this.status === 0;
  }
}

type Listener = (online: boolean) => void;
const listeners = new Set<Listener>();
let online = true;

function setOnline(value: boolean): void {
  if (online === value) return;
  online = value;
  for (const listener of listeners) listener(value);
}

/** Tells `listener` whenever the server stops or starts answering; returns the unsubscribe. */
export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const isOnline = (): boolean => online;

/** Called on 401: the session ended (signed out elsewhere, expired); the app shows the sign-in page. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** A file sent as the request body itself, its name in X-File-Name (percent-encoded UTF-8). */
class FileBody {
  constructor(readonly file: File) {}
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    const isFile = body instanceof FileBody;
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: "same-origin",
      headers: isFile
        ? {
            "content-type": body.file.type || "application/octet-stream",
            "x-file-name": encodeURIComponent(body.file.name),
          }
        : body === undefined
          ? {}
          : { "content-type": "application/json" },
      body: isFile ? body.file : body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (caught) {
    // A request given up on (a newer one replaced it) says nothing about the connection.
    if (signal?.aborted) throw caught;
    setOnline(false);
    throw new ApiError(0, "offline", "The server cannot be reached");
  }
  // 502/503/504 from a proxy or a database outage: the server is there but cannot answer now.
  setOnline(response.status < 502 || response.status > 504);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (response.ok) return json as T;
  const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
    ?.error;
  if (response.status === 401 && path !== "/session") onUnauthorized();
  throw new ApiError(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `${response.status} ${response.statusText}`,
    Array.isArray(error?.details) ? (error.details as ApiErrorDetail[]) : [],
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** `signal` lets TanStack Query cancel a read that a newer one made stale (typing on). */
export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, undefined, signal),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) =>
    request<T>("POST", path, body ?? {}, signal),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: (path: string) => request<void>("DELETE", path),
  /** POSTs a file as the body (uploads for replies). */
  upload: <T>(path: string, file: File) => request<T>("POST", path, new FileBody(file)),
};
