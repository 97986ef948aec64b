// Provider API calls whose bodies stream both ways (the proxy's), over one
// kept-alive undici pool per provider host. undici's `request` rather than
// fetch: it hands the body over as it arrives without decoding it, and costs
// a fraction of fetch's per-call overhead on the proxy's hot path.
import "server-only";
import { Readable } from "node:stream";
import { Agent, errors, request, type Dispatcher } from "undici";
import { getConfig } from "../config";
import { ProviderUnreachable } from "./errors";
import { assertProviderUrl } from "./http";

export type StreamedRequest = {
  method: string;
  headers: Record<string, string>;
  /** Bytes in hand, or a stream that is passed on as it arrives (an error thrown by it aborts the call). */
  body: Uint8Array | AsyncIterable<Uint8Array> | null;
};

export type StreamedAnswer = {
  status: number;
  /** By lower-case name; a repeated header's values joined as HTTP joins them. */
  headers: Record<string, string>;
  /** The body as it arrives; read it or `discard()` it, or the pooled connection is held. */
  body: AsyncIterable<Uint8Array>;
  discard(): Promise<void>;
};

const holder = globalThis as unknown as { latchkeyProviderPool?: Agent };

/** Connections stay open between calls, so a proxied call rarely pays for a TCP or TLS handshake. */
function pool(): Agent {
  holder.latchkeyProviderPool ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 300_000 });
  return holder.latchkeyProviderPool;
}

/**
 * One call to a provider's API. Timeouts are the vault's provider timeout for the answer's
 * headers and for each pause in its body. A network failure or timeout throws
 * ProviderUnreachable; an error thrown by the request body's stream is thrown as it is.
 */
export async function providerRequest(target: string, init: StreamedRequest): Promise<StreamedAnswer> {
  assertProviderUrl(new URL(target));
  const timeout = getConfig().providerTimeoutMs;
  let answer: Dispatcher.ResponseData;
  try {
    answer = await request(target, {
      dispatcher: pool(),
      method: init.method,
      headers: init.headers,
      body: init.body === null || init.body instanceof Uint8Array ? init.body : Readable.from(init.body, { objectMode: false }),
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  } catch (error) {
    if (!(error instanceof errors.UndiciError) && !isSocketError(error)) throw error;
    const timedOut = error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError || error instanceof errors.ConnectTimeoutError;
    throw new ProviderUnreachable(timedOut ? "timeout" : "network");
  }
  const { statusCode, headers, body } = answer;
  return {
    status: statusCode,
    headers: Object.fromEntries(
      Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]])),
    ),
    body: unreachableOnFailure(body),
    discard: () => body.dump(),
  };
}

/** ECONNREFUSED, ECONNRESET and the like: Node's own errors for a connection that failed. */
function isSocketError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string" && (error as { syscall?: unknown }).syscall !== undefined;
}

/** The answer's body, with a provider that stalls or drops the connection mid-body reported as ProviderUnreachable. */
async function* unreachableOnFailure(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* body;
  } catch (error) {
    if (!(error instanceof errors.UndiciError) && !isSocketError(error)) throw error;
    throw new ProviderUnreachable(error instanceof errors.BodyTimeoutError ? "timeout" : "network");
  }
}
