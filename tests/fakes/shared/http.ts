import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * A whole response with any headers, unless the client already gave up (e.g. timed out during an
 * injected delay). The Bitbucket fake's `sendText` takes no headers; rate-limit answers need them.
 */
export function sendWithHeaders(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text?: string,
): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, headers);
  res.end(text);
}

/** Request headers as one string per name (Node already joined repeated ones), for tests to inspect. */
export function recordedHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
  );
}
