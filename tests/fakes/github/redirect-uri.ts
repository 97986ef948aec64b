/** Loopback IP literals: their port may differ from the registered one [AOA]. `localhost` is not one. */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]"]);

function isPathAtOrBelow(path: string, base: string): boolean {
  const trimmed = base.replace(/\/+$/, "");
  return path === base || path === trimmed || path.startsWith(`${trimmed}/`);
}

/**
 * An OAuth App's redirect_uri rule [AOA]: the registered callback URL's host or one of its
 * sub-domains, the same port (any port on a loopback IP), and its path or a path below it.
 * The scheme is kept equal too (not stated by the docs; every real callback URL keeps it).
 */
export function redirectUriAllowed(redirectUri: string, callbackUrl: string): boolean {
  if (!URL.canParse(redirectUri)) return false;
  const given = new URL(redirectUri);
  const registered = new URL(callbackUrl);
  const loopback = LOOPBACK_HOSTS.has(registered.hostname) && given.hostname === registered.hostname;
  return (
    given.protocol === registered.protocol &&
    (given.hostname === registered.hostname || given.hostname.endsWith(`.${registered.hostname}`)) &&
    (loopback || given.port === registered.port) &&
    isPathAtOrBelow(given.pathname, registered.pathname)
  );
}
