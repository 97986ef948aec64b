// ANY /api/v1/connections/{id}/proxy/{path}: the vault makes the provider call
// with the connection's token, so the backend never holds it. Only paths under
// the provider's API prefixes, with no dot segments, can be reached.
import "server-only";
import { recordAudit } from "../audit";
import { getConfig } from "../config";
import type { Connection } from "../db";
import { AppError, ValidationFailed } from "../errors";
import { providerFetch, ProviderUnreachable } from "../provider-client";
import { findProvider, providerHosts, type ProviderDefinition } from "../providers";
import { getConnection } from ".";
import { openToken } from "./sealing";
import { ensureFreshToken, replaceRejectedToken } from "./token";

/** Request headers worth passing on; everything else (cookies, our Authorization) stays here. */
const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "accept-language", "if-none-match", "if-match"];
/** Response headers worth passing back. */
const FORWARDED_RESPONSE_HEADERS = ["content-type", "etag", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "location"];

export type ProxiedRequest = { method: string; path: string[]; search: string; headers: Headers; body: ArrayBuffer | null; ipAddress: string | null };

/** Who calls: the API key and its application (lib/api-keys' ApiCaller fits). */
type ProxyCaller = { apiKeyId: string; application: { id: string } };

export async function proxyToProvider(caller: ProxyCaller, connectionId: string, request: ProxiedRequest): Promise<Response> {
  let connection = await getConnection(caller.application.id, connectionId);
  const provider = findProvider(connection.provider)!;
  const url = upstreamUrl(provider, request.path, request.search);
  connection = await ensureFreshToken(connection);
  let upstream = await send(url, connection, request);
  if (upstream.status === 401) {
    // The provider says this token is no good (expired early, or revoked): refresh once and retry.
    connection = await replaceRejectedToken(connection);
    upstream = await send(url, connection, request);
  }
  await recordAudit({
    action: "connection.proxied",
    actor: { type: "API_KEY", id: caller.apiKeyId },
    applicationId: connection.applicationId,
    connectionId: connection.id,
    ipAddress: request.ipAddress,
    details: { method: request.method, path: new URL(url).pathname, status: upstream.status },
  });
  const headers = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.status === 204 || upstream.status === 304 ? null : await upstream.arrayBuffer(), { status: upstream.status, headers });
}

function upstreamUrl(provider: ProviderDefinition, segments: string[], search: string): string {
  const problem = (message: string) => new ValidationFailed([{ path: "path", message }], message);
  if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) throw problem("The path may not contain empty, . or .. segments.");
  const path = segments.map(encodeURIComponent).join("/");
  if (!provider.proxyPathPrefixes.some((prefix) => `${path}/`.startsWith(prefix))) {
    throw problem(`Only ${provider.name} API paths under ${provider.proxyPathPrefixes.join(", ")} can be proxied.`);
  }
  return `${providerHosts(provider, getConfig().environment).api}/${path}${search}`;
}

async function send(url: string, connection: Connection, request: ProxiedRequest): Promise<Response> {
  const provider = findProvider(connection.provider)!;
  // The declaration's API headers first (GitHub refuses calls without a User-Agent); the caller's
  // content negotiation, where it sends one, wins over the declared Accept.
  const headers = new Headers(provider.headers.api);
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("authorization", `Bearer ${openToken(connection.id, "accessToken", connection.accessToken!).reveal()}`);
  try {
    return await providerFetch(url, { method: request.method, headers, body: request.body });
  } catch (error) {
    if (!(error instanceof ProviderUnreachable)) throw error;
    throw error.reason === "timeout"
      ? new AppError(504, "provider_timeout", `${provider.name} did not answer in time.`)
      : new AppError(502, "provider_unreachable", `${provider.name} could not be reached.`);
  }
}
