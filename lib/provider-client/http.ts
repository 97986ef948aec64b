// HTTP to a provider: the vault's one timeout, plain http only to a loopback host (the fakes),
// and for the OAuth calls "try later" answers (5xx, 429) turned into ProviderUnreachable before
// oauth4webapi reads them.
import "server-only";
import { allowInsecureRequests, customFetch, type HttpRequestOptions } from "oauth4webapi";
import { getConfig } from "../config";
import { providerHosts, type ProviderDefinition } from "../providers";
import { ProviderUnreachable } from "./errors";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The provider's auth and API base URLs, from its declaration and the configured overrides. */
export function hostsOf(provider: ProviderDefinition): { auth: string; api: string } {
  return providerHosts(provider, getConfig().environment);
}

function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

/** https only, except plain http to a loopback host (the fakes). */
export function assertProviderUrl(url: URL): void {
  if (url.protocol !== "https:" && !isLoopbackHttp(url)) throw new TypeError(`refusing to call a provider over ${url.protocol} at ${url.host}`);
}

/**
 * fetch with the vault's timeout; https only, except plain http to a loopback host. Network
 * failures and timeouts throw ProviderUnreachable; every answer is returned (the proxy hands
 * the provider's own 5xx on).
 */
async function providerFetch(target: string | URL, init: RequestInit): Promise<Response> {
  const url = new URL(target);
  assertProviderUrl(url);
  try {
    return await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(getConfig().providerTimeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new ProviderUnreachable(timedOut ? "timeout" : "network");
  }
}

/** providerFetch for the OAuth calls: an answer that says "try later" is ProviderUnreachable before anything reads it. */
export async function oauthFetch(target: string | URL, init: RequestInit): Promise<Response> {
  const response = await providerFetch(target, init);
  assertNotTransient(response);
  return response;
}

/** Throws ProviderUnreachable for answers that say "try later" (5xx, 429). */
function assertNotTransient(response: Response): void {
  if (response.status >= 500) throw new ProviderUnreachable("server_error", response.status);
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new ProviderUnreachable("rate_limited", 429, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
}

/**
 * GitHub answers token endpoint errors with HTTP 200 and an `error` field (../shared/GITHUB.md,
 * "Errors"); oauth4webapi, following RFC 6749 §5.2, reads errors only from 4xx answers. For a
 * provider declared so, such an answer is handed on as the 400 it stands for.
 */
async function withErrorStatus(response: Response): Promise<Response> {
  if (response.status !== 200) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  if (!body || typeof body !== "object" || typeof (body as { error?: unknown }).error !== "string") return response;
  return new Response(JSON.stringify(body), { status: 400, headers: { "content-type": "application/json" } });
}

/** oauth4webapi's request options for a call to `url` at this provider. */
export function requestOptions(provider: ProviderDefinition, url: string, headers: Record<string, string>): HttpRequestOptions<string, unknown> {
  return {
    headers,
    [allowInsecureRequests]: isLoopbackHttp(new URL(url)),
    [customFetch]: async (target, init) => {
      const response = await oauthFetch(target, init as RequestInit);
      return provider.tokenErrorsAsHttp200 && new URL(target).href === new URL(tokenEndpoint(provider)).href ? withErrorStatus(response) : response;
    },
  };
}

export function tokenEndpoint(provider: ProviderDefinition): string {
  return hostsOf(provider).auth + provider.endpoints.token;
}
