/**
 * Doorkeeper's URIChecker ([DU]): whether a requested redirect_uri matches a registered one.
 * - The request's query is ignored unless the registered URI has one; then the same parameters
 *   must be present in any order.
 * - For a loopback IP literal (127.0.0.1, [::1], not `localhost`) the port may differ (RFC 8252 §7.3).
 * - Otherwise scheme, host, port and path must be equal. A fragment makes the URI invalid.
 */
export function redirectUriMatches(requested: string, registered: string): boolean {
  if (!URL.canParse(requested) || !URL.canParse(registered)) return false;
  const url = new URL(requested);
  const client = new URL(registered);
  if (url.hash !== "" || requested.includes("#")) return false;
  if (client.search !== "" && !sameQuery(url.searchParams, client.searchParams)) return false;
  if (isLoopbackIp(client.hostname)) {
    url.port = "";
    client.port = "";
  }
  return url.protocol === client.protocol && url.hostname === client.hostname && url.port === client.port && url.pathname === client.pathname;
}

function isLoopbackIp(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === "[::1]";
}

function sameQuery(a: URLSearchParams, b: URLSearchParams): boolean {
  const sorted = (params: URLSearchParams): string =>
    [...params]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join("&");
  return sorted(a) === sorted(b);
}

export function redirectUriAllowed(requested: string, registered: readonly string[]): boolean {
  return registered.some((uri) => redirectUriMatches(requested, uri));
}
