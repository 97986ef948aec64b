// The proxy's hot path, served by the portal's server itself: a request for
// /api/v1/connections/{id}/proxy/{path} goes straight to the proxy's route
// handler (the same module Next serves under `next dev`) instead of through
// Next's request handling, which costs more per call than the proxy's own
// work (`npm run bench:proxy`). The answer carries the headers Next would add.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { errorResponse } from "../lib/api/envelope";
import { describeError, log } from "../lib/log";
import everyResponseHeaders from "../lib/http/every-response-headers.json" with { type: "json" };
import * as route from "../app/api/v1/connections/[connectionId]/proxy/[...path]/route";

const PROXY_PATH = /^\/api\/v1\/connections\/([^/?]+)\/proxy\/([^?]+)/;
const HANDLERS: Partial<Record<string, typeof route.GET>> = route;

/** The route's parameters as Next decodes them, or null when this request is not one for the proxy's route. */
function proxyParams(request: IncomingMessage): { connectionId: string; path: string[] } | null {
  const match = PROXY_PATH.exec(request.url ?? "");
  if (!match || !HANDLERS[request.method ?? ""]) return null;
  try {
    return { connectionId: decodeURIComponent(match[1]!), path: match[2]!.split("/").map(decodeURIComponent) };
  } catch {
    // Not valid percent-encoding: Next answers it as it answers any such URL.
    return null;
  }
}

/** Serves the request when it is one for the proxy; false leaves it to Next. */
export function serveProxyRoute(request: IncomingMessage, response: ServerResponse, appUrl: string): boolean {
  const params = proxyParams(request);
  if (!params) return false;
  void answer(request, response, appUrl, params).catch(async (error: unknown) => {
    // The handler answers its own failures in the envelope. What is left: a body that broke off
    // midway (its call is already logged) or a caller gone, where the response can only be cut.
    if (response.headersSent) {
      log.warn("a proxied answer was cut off", { ...describeError(error), stack: undefined });
      response.destroy();
      return;
    }
    const fallback = errorResponse(error);
    response.writeHead(fallback.status, [...fallback.headers].flat()).end(await fallback.text());
  });
  return true;
}

async function answer(request: IncomingMessage, response: ServerResponse, appUrl: string, params: { connectionId: string; path: string[] }) {
  const method = request.method!;
  const headers = new Headers();
  for (let i = 0; i < request.rawHeaders.length; i += 2) headers.append(request.rawHeaders[i]!, request.rawHeaders[i + 1]!);
  const hasBody = method !== "GET" && method !== "HEAD";
  const init = { method, headers, body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined, duplex: "half" };
  const nextRequest = new NextRequest(new URL(request.url!, appUrl), init as ConstructorParameters<typeof NextRequest>[1]);
  // The handler answers every failure itself, in the API's error envelope.
  const answered = await HANDLERS[method]!(nextRequest, { params: Promise.resolve(params) });
  const outgoing: [string, string][] = [...answered.headers, ...everyResponseHeaders.map(({ key, value }): [string, string] => [key, value])];
  response.writeHead(answered.status, outgoing.flat());
  if (!answered.body || method === "HEAD") return void response.end();
  const reader = answered.body.getReader();
  // A caller that goes away stops the body, and with it the read from the provider.
  response.once("close", () => void reader.cancel().catch(() => undefined));
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (!response.write(next.value)) await drained(response);
  }
  response.end();
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      response.off("drain", settle);
      response.off("close", settle);
      resolve();
    };
    response.on("drain", settle);
    response.on("close", settle);
  });
}
