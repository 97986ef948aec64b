// One proxied call, once the caller and its connection are known: the body
// streamed up within its limit, the token refreshed when due or rejected,
// safe retries, the answer streamed back, and a request log row when the
// answer's body has been passed on (or the call failed).
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { getConfig } from "../config";
import { ensureFreshToken, replaceRejectedToken, revealAccessToken } from "../connections";
import type { Connection } from "../db";
import { AppError, PayloadTooLarge, ProviderUnreachableError, type ErrorCode } from "../errors";
import { describeError, log } from "../log";
import { providerRequest, ProviderUnreachable, type StreamedAnswer } from "../provider-client";
import { findProvider, type ProviderDefinition } from "../providers";
import { logProxyCall } from "../request-log";
import { callerHeaders, upstreamHeaders } from "./headers";
import { outgoingBody, type OutgoingBody } from "./request-body";
import { allowedRetries, retryable, retryWaitMs, RETRIES_HEADER } from "./retries";
import { upstreamPath, upstreamUrl } from "./target";

/** Who calls: an API key of the application, or a portal user trying a request. */
export type ProxyCaller = { applicationId: string; apiKeyId: string | null; userId: string | null };

export type ProxiedRequest = { method: string; path: string[]; search: string; headers: Headers; body: ReadableStream<Uint8Array> | null };

/** What the proxy needs of a connection: the fast path's snapshot or a full row. */
export type ProxiedConnection = Pick<Connection, "id" | "provider" | "status" | "accessToken" | "expiresAt">;

/** Answers that carry no body, whatever the provider sends. */
const BODILESS_STATUSES = new Set([204, 205, 304]);

export async function forward(caller: ProxyCaller, connection: ProxiedConnection, request: ProxiedRequest): Promise<Response> {
  const startedAt = new Date();
  const started = performance.now();
  let body: OutgoingBody | undefined;
  let retries = 0;
  const logCall = (status: number, errorCode: ErrorCode | null, responseBytes: number) =>
    void logProxyCall({
      ...caller,
      connectionId: connection.id,
      method: request.method,
      // As sent: percent-encoded, so no byte of it (a NUL, say) is one a database refuses.
      path: `${upstreamPath(request.path)}${request.search}`,
      status,
      errorCode,
      startedAt,
      durationMs: performance.now() - started,
      requestBytes: body?.bytes() ?? 0,
      responseBytes,
      retries,
    });

  try {
    const provider = findProvider(connection.provider)!;
    const url = upstreamUrl(provider, request.path, request.search);
    const retriesAllowed = allowedRetries(request.headers);
    body = await outgoingBody(request.body, request.headers.get("content-length"), getConfig().proxyMaxBodyBytes);
    let current: ProxiedConnection = await ensureFreshToken(connection);
    const send = () => sendUpstream(provider, url, request, current, body!);

    let answer = await send();
    if (answer.status === 401) {
      // The provider says this token is no good (expired early, or revoked): refresh once and
      // send again. A body too large to hold cannot be sent again: the caller gets the 401 and
      // its retry goes out with the new token.
      if (body.resendable) await answer.discard();
      current = await replaceRejectedToken(current).catch((error: unknown) => {
        discardQuietly(answer);
        throw error;
      });
      if (body.resendable) answer = await send();
    }
    while (retries < retriesAllowed && retryable(request.method, answer.status)) {
      const wait = retryWaitMs(answer.headers["retry-after"], retries, getConfig().proxyMaxRetryWaitSeconds);
      if (wait === null) break;
      await answer.discard();
      await sleep(wait);
      retries += 1;
      answer = await send();
    }
    return respond(provider, request.method, answer, retries, (responseBytes, error) => {
      if (error === undefined) return logCall(answer.status, null, responseBytes);
      // The provider's status stands; the code says the body broke off.
      const failure = asAppError(provider, error);
      if (!failure) log.error("a proxied answer's body failed", { connectionId: connection.id, ...describeError(error) });
      logCall(answer.status, failure?.code ?? "internal_error", responseBytes);
    });
  } catch (error) {
    logCall(error instanceof AppError ? error.status : 500, error instanceof AppError ? error.code : "internal_error", 0);
    throw error;
  }
}

async function sendUpstream(provider: ProviderDefinition, url: string, request: ProxiedRequest, connection: ProxiedConnection, body: OutgoingBody) {
  try {
    return await providerRequest(url, {
      method: request.method,
      headers: upstreamHeaders(provider, request.headers, revealAccessToken(connection), body.content !== null),
      body: body.content,
    });
  } catch (error) {
    if (body.exceeded()) throw new PayloadTooLarge(getConfig().proxyMaxBodyBytes);
    throw asAppError(provider, error) ?? error;
  }
}

/** The vault's error for a failure it knows: the provider unreachable or too slow, or one already an AppError. */
function asAppError(provider: ProviderDefinition, error: unknown): AppError | undefined {
  if (error instanceof ProviderUnreachable) return new ProviderUnreachableError(provider.name, error.reason === "timeout");
  return error instanceof AppError ? error : undefined;
}

/** The provider's answer for the caller: allowed headers, the body streamed as it arrives. */
function respond(
  provider: ProviderDefinition,
  method: string,
  answer: StreamedAnswer,
  retries: number,
  done: (responseBytes: number, error?: unknown) => void,
): Response {
  const headers = callerHeaders(provider, answer.headers);
  if (retries > 0) headers.set(RETRIES_HEADER, String(retries));
  if (method === "HEAD" || BODILESS_STATUSES.has(answer.status)) {
    discardQuietly(answer);
    done(0);
    return new Response(null, { status: answer.status, headers });
  }
  return new Response(countedBody(answer.body, done), { status: answer.status, headers });
}

/** Drops an answer nobody reads; a failure while draining it only costs that pooled connection. */
function discardQuietly(answer: StreamedAnswer): void {
  answer.discard().catch(() => undefined);
}

/** The body as a stream the response pulls from (so memory holds a chunk, not the body), counting what passed. */
function countedBody(body: AsyncIterable<Uint8Array>, done: (bytes: number, error?: unknown) => void): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  let bytes = 0;
  let finished = false;
  /** The call is logged once, however it ends: read to the end, broken off, or abandoned by the caller. */
  const finish = (error?: unknown) => {
    if (finished) return false;
    finished = true;
    done(bytes, error);
    return true;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        // The caller may have gone while this read was pending: nothing more goes to it.
        if (finished) return;
        if (next.done) {
          controller.close();
          finish();
          return;
        }
        bytes += next.value.byteLength;
        controller.enqueue(next.value);
      } catch (error) {
        if (finish(error)) controller.error(error);
      }
    },
    async cancel() {
      // The caller went away: stop reading from the provider.
      finish();
      await chunks.return?.();
    },
  });
}
