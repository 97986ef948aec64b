// A webhook receiver on 127.0.0.1 that keeps what it was sent and answers as
// the test plans (a status, or no answer at all), and checks signatures the way
// a developer's backend would: with the standardwebhooks library.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedWebhook = {
  headers: Record<string, string>;
  body: string;
  payload: { type: string; id: string; createdAt: string; data: Record<string, unknown> };
};

/** What to do with the next request: answer with this status (or status and body), or "hang" (never answer). */
export type Answer = number | { status: number; body: string } | "hang";

export type WebhookReceiver = {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** TCP connections accepted, whether or not a request came over them. */
  connections: () => number;
  answerNext: (...answers: Answer[]) => void;
  /** The received webhooks of one event type. */
  ofType: (type: string) => ReceivedWebhook[];
  close: () => Promise<void>;
};

/** `host`: a loopback address to listen on (another than 127.0.0.1 shows where a name was made to point). */
export async function startWebhookReceiver(host = "127.0.0.1"): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const planned: Answer[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      received.push({ headers, body, payload: JSON.parse(body) });
      const answer = planned.shift() ?? 204;
      if (answer === "hang") return;
      const status = typeof answer === "number" ? answer : answer.status;
      response.writeHead(status, { "content-type": "text/plain" });
      response.end(typeof answer === "object" ? answer.body : status >= 300 ? `receiver refused: ${"x".repeat(2000)}` : "");
    });
  });
  let connections = 0;
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/hooks`,
    port,
    received,
    connections: () => connections,
    answerNext: (...answers) => planned.push(...answers),
    ofType: (type) => received.filter((webhook) => webhook.payload.type === type),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether the webhook verifies with this secret, as a receiver checks it (also the timestamp's freshness). */
export function verifies(webhook: ReceivedWebhook, secret: string): boolean {
  try {
    new Webhook(secret).verify(webhook.body, webhook.headers);
    return true;
  } catch {
    return false;
  }
}
