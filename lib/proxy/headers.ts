// Which headers cross the proxy, each way: an allowlist, so the caller's
// cookies and API key, and hop-by-hop or proxy headers, never reach the
// provider, and the provider's cookies never reach the caller.
import type { ProviderDefinition } from "../providers";

/** Content negotiation, conditional requests and the body's description. */
const REQUEST_HEADERS = [
  "accept",
  "accept-encoding",
  "accept-language",
  "content-type",
  "content-encoding",
  "content-length",
  "if-match",
  "if-none-match",
  "if-modified-since",
  "if-unmodified-since",
];

/** The body's description, caching and conditional answers, pagination and redirects. */
const RESPONSE_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "content-disposition",
  "content-language",
  "cache-control",
  "etag",
  "last-modified",
  "expires",
  "vary",
  "link",
  "location",
  "retry-after",
];

/** Rate-limit headers under any of the spellings providers use (X-RateLimit-Remaining, RateLimit-Reset, …). */
const RATE_LIMIT_HEADER = /^(x-)?ratelimit-[a-z-]+$/;

/** The body's own headers: passed on only with a body (a GET's stray Content-Length would keep the provider waiting). */
const BODY_HEADERS = new Set(["content-type", "content-encoding", "content-length"]);

/** The provider's declared API headers, the allowed ones the caller sent (which win), and the connection's token. */
export function upstreamHeaders(provider: ProviderDefinition, incoming: Headers, accessToken: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { ...provider.headers.api };
  for (const name of REQUEST_HEADERS) {
    const value = incoming.get(name);
    if (value !== null && (hasBody || !BODY_HEADERS.has(name))) headers[name] = value;
  }
  headers.authorization = `Bearer ${accessToken}`;
  return headers;
}

/** The allowed headers of the provider's answer, with any the provider's declaration adds (e.g. GitLab's X-Total). */
export function callerHeaders(provider: ProviderDefinition, answered: Record<string, string>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answered)) {
    if (RESPONSE_HEADERS.includes(name) || RATE_LIMIT_HEADER.test(name) || provider.proxyResponseHeaders.includes(name)) headers.set(name, value);
  }
  return headers;
}
