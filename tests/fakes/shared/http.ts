import type { IncomingMessage, ServerResponse } from "node:http";
import type { InjectedResponse } from "./injection";
import type { RecordedApiRequest } from "./types";

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A whole response with any headers, unless the client already gave up (e.g. timed out during an injected delay). */
export function sendWithHeaders(res: ServerResponse, status: number, headers: Record<string, string>, text?: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, headers);
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendWithHeaders(res, status, { ...headers, "Content-Type": "application/json; charset=utf-8" }, JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  sendWithHeaders(res, status, { "Content-Type": contentType }, text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  sendText(res, status, "text/html; charset=utf-8", html);
}

export function redirect(res: ServerResponse, location: string): void {
  sendWithHeaders(res, 302, { Location: location });
}

/** Answers with a test-injected failure; `fallbackBody` is used when the test gave none. */
export function sendInjected(res: ServerResponse, injected: InjectedResponse, fallbackBody: unknown): void {
  if (typeof injected.body === "string") {
    sendWithHeaders(res, injected.status, { ...injected.headers, "Content-Type": "text/html; charset=utf-8" }, injected.body);
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
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Request headers as one string per name (Node already joined repeated ones), for tests to inspect. */
export function recordedHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
}

/** What a fake's `lastApiRequest()` returns: method, path with query string, and headers as received. */
export function recordOf(req: IncomingMessage, url: URL): RecordedApiRequest {
  return { method: req.method ?? "GET", path: url.pathname + url.search, headers: recordedHeaders(req) };
}
