import http from "node:http";

export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The exact bytes of the body, as text. */
  body: string;
}

/** How the receiver answers a request: a status (and body, headers), after an optional delay, or never. */
export type ReceiverAnswer =
  { status: number; body?: string; headers?: Record<string, string>; delayMs?: number } | { hang: true };

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: ReceivedWebhook[];
  /** Sets how requests to `path` are answered from now on (default: 204). */
  answer(path: string, answer: ReceiverAnswer | ((request: ReceivedWebhook) => ReceiverAnswer)): void;
  receivedAt(path: string): ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port standing in for a shop's webhook endpoint: it keeps every
 * request with its exact body and answers as told per path (a status, a redirect, a slow or no answer).
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers = new Map<string, ReceiverAnswer | ((request: ReceivedWebhook) => ReceiverAnswer)>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedWebhook = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(request);
      const given = answers.get(request.path) ?? { status: 204 };
      const answer = typeof given === "function" ? given(request) : given;
      if ("hang" in answer) return;
      setTimeout(() => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? "");
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (path, answer) => void answers.set(path, answer),
    receivedAt: (path) => received.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
