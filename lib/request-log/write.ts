// Writing the request log: one row per proxied call, group-committed through
// the direct driver like the token read's audit row, so the proxy's hot path
// pays one shared INSERT rather than a Prisma round trip per call.
import "server-only";
import { directDb } from "../db";
import { newId } from "../ids";
import { describeError, log } from "../log";
import { pathWithoutValues } from "./path";

export type ProxyCall = {
  applicationId: string;
  connectionId: string;
  /** The API key that called, or null for a portal user's "Try a request". */
  apiKeyId: string | null;
  userId: string | null;
  method: string;
  /** The upstream path and query as sent, e.g. `2.0/user?fields=a`; the query's values are dropped here. */
  path: string;
  /** The provider's status, or the vault's own when the provider never answered. */
  status: number;
  /** The vault's error code when it answered itself. */
  errorCode: string | null;
  startedAt: Date;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  retries: number;
};

/**
 * Records one proxied call. Never rejects: by the time it runs the caller's
 * response has been sent, and a log row that cannot be written (database
 * down, a write lock held past the driver's retries, which are bounded) is
 * worth an error in the server log, not a failed call.
 */
export async function logProxyCall(entry: ProxyCall): Promise<void> {
  try {
    await directDb().insertProxyRequest({
      id: newId("req"),
      createdAt: entry.startedAt,
      applicationId: entry.applicationId,
      connectionId: entry.connectionId,
      apiKeyId: entry.apiKeyId,
      userId: entry.userId,
      method: entry.method,
      path: pathWithoutValues(entry.path),
      status: entry.status,
      errorCode: entry.errorCode,
      durationMs: Math.round(entry.durationMs),
      requestBytes: BigInt(entry.requestBytes),
      responseBytes: BigInt(entry.responseBytes),
      retries: entry.retries,
    });
  } catch (error) {
    log.error("could not write a proxied call to the request log", {
      applicationId: entry.applicationId,
      connectionId: entry.connectionId,
      ...describeError(error),
    });
  }
}
