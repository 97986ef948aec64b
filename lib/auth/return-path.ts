// Where to send someone after signing in (or out). A `callbackUrl` comes from a
// link anyone can craft, and browsers read `/\evil.example`, `/<tab>/evil.example`
// or `//evil.example` as another host: string checks on the raw value miss
// those. So the value is resolved the way a browser would, against APP_URL, and
// only a same-origin result is followed.
export const DEFAULT_RETURN_PATH = "/applications";

/** The same-origin path (with query and fragment) that `value` points to; anything else is the default. */
export function sameOriginPath(value: unknown, appUrl: string): string {
  if (typeof value !== "string" || value.trim() === "") return DEFAULT_RETURN_PATH;
  let resolved: URL;
  try {
    resolved = new URL(value, appUrl);
  } catch {
    return DEFAULT_RETURN_PATH;
  }
  if (resolved.origin !== new URL(appUrl).origin) return DEFAULT_RETURN_PATH;
  // `/.//evil.example` resolves on our origin to the path `//evil.example`,
  // which a browser would read again as another host.
  if (resolved.pathname.startsWith("//")) return DEFAULT_RETURN_PATH;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
