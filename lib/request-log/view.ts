// What a logged call looks like on the API: facts, never a header or a body.
import type { ProxyRequest } from "../db";

export function proxyRequestView(row: ProxyRequest) {
  return {
    id: row.id,
    connectionId: row.connectionId,
    /** The API key that called; null when a portal user tried the request from the portal. */
    apiKeyId: row.apiKeyId,
    method: row.method,
    /** The provider path; the query keeps its parameter names, never their values. */
    path: row.path,
    status: row.status,
    /** Set when the vault answered itself (the provider was unreachable, the body too large...). */
    errorCode: row.errorCode,
    durationMs: row.durationMs,
    // Stored as 64-bit integers; as JSON numbers they are exact up to 8 PB.
    requestBytes: Number(row.requestBytes),
    responseBytes: Number(row.responseBytes),
    retries: row.retries,
    createdAt: row.createdAt.toISOString(),
  };
}
