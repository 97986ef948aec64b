import type { IncomingMessage, ServerResponse } from "node:http";
import type { InjectedResponse } from "./types";

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Writes a whole response, unless the client already gave up (e.g. timed out during an injected delay). */
function send(res: ServerResponse, status: number, headers: Record<string, string>, text?: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, headers);
  res.end(text);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, { ...headers, "Content-Type": "application/json; charset=utf-8" }, JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  send(res, status, { "Content-Type": contentType }, text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  sendText(res, status, "text/html; charset=utf-8", html);
}

export function redirect(res: ServerResponse, location: string): void {
  send(res, 302, { Location: location });
}

/** Answers with a test-injected failure; `fallbackBody` is used when the test gave none. */
export function sendInjected(res: ServerResponse, injected: InjectedResponse, fallbackBody: unknown): void {
  if (typeof injected.body === "string") {
    send(res, injected.status, { ...injected.headers, "Content-Type": "text/html; charset=utf-8" }, injected.body);
  } else {
    sendJson(res, injected.status, injected.body ?? fallbackBody, injected.headers);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Media type without parameters, lower-cased: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(req: IncomingMessage): string {
  return ((req.headers["content-type"] ?? "").split(";")[0] ?? "").trim().toLowerCase();
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
