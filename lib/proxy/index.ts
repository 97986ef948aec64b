// The proxy (floor 4): ANY /api/v1/connections/{id}/proxy/{path} makes the
// provider call with the connection's token, so the backend never holds it.
// The common case (a valid key, a fresh token) takes the token read's road:
// one driver-level lookup that checks the key and loads the connection, one
// upstream call over a kept-alive pool, one group-committed log row.
import "server-only";
import { findKeyedConnection, getConnection, type KeyCheck } from "../connections";
import { forward, type ProxiedRequest, type ProxyCaller } from "./forward";

export type { ProxiedRequest, ProxyCaller } from "./forward";

/** A call from a backend: `authorization` carries its API key. */
export async function proxyApiCall(keys: KeyCheck, authorization: string | null, connectionId: string, request: ProxiedRequest): Promise<Response> {
  const { applicationId, apiKeyId, connection } = await findKeyedConnection(keys, authorization, connectionId);
  return forward({ applicationId, apiKeyId, userId: null }, connection, request);
}

/** A call from a caller already authorized for the application (the portal's "Try a request"). */
export async function proxyCall(caller: ProxyCaller, connectionId: string, request: ProxiedRequest): Promise<Response> {
  return forward(caller, await getConnection(caller.applicationId, connectionId), request);
}
