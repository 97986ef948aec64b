// An endpoint URL is checked when it is saved and again before every attempt
// (DNS can change in between): https only (http just for localhost while
// developing), no credentials in it, and every address its host resolves to
// public, unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true. The attempt then connects
// to the address checked here, never to a second lookup's answer, so a host
// that rebinds its DNS to an internal address between check and connect gains nothing.
import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isPublicAddress } from "./address";

/** Every address a host name resolves to. Tests hand in their own, so none ever asks real DNS about a name that is not loopback. */
export type Resolve = (hostname: string) => Promise<string[]>;

const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

let resolve: Resolve = systemResolve;

/** Replaces the resolver (tests); `null` puts the system's back. */
export function setWebhookResolver(replacement: Resolve | null): void {
  resolve = replacement ?? systemResolve;
}

export type CheckedUrl = { url: URL; address: string; family: 4 | 6 };

export class UrlRefused extends Error {
  override name = "UrlRefused";
}

const DEVELOPMENT_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** The URL's shape alone (no DNS): what a form can say at once. Returns why it is refused, or null. */
function urlShapeProblem(text: string, allowPrivate: boolean): string | null {
  const url = URL.parse(text);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return "Enter a URL that starts with https://.";
  if (url.username || url.password) return "The URL must not contain a user name or password.";
  if (url.protocol === "http:" && !(allowPrivate && DEVELOPMENT_HOSTS.includes(url.hostname))) {
    return allowPrivate ? "Use https:// (http:// is allowed only for localhost and 127.0.0.1)." : "Use https://.";
  }
  return null;
}

/** Checks the URL and picks the address to connect to; throws UrlRefused with words for the developer. */
export async function checkEndpointUrl(text: string, allowPrivate: boolean): Promise<CheckedUrl> {
  const problem = urlShapeProblem(text, allowPrivate);
  if (problem) throw new UrlRefused(problem);
  const url = new URL(text);
  // The URL parser already turned every IPv4 spelling (2130706433, 0x7f.1, 127.1) into dotted form.
  const literal = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (isIP(literal)) addresses = [literal];
  else {
    try {
      addresses = await resolve(url.hostname);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw new UrlRefused(`The host ${url.hostname} could not be found.`);
  }
  if (!allowPrivate && !addresses.every(isPublicAddress)) {
    throw new UrlRefused("The URL points to a private, loopback or link-local address; webhooks go only to public addresses.");
  }
  const address = addresses[0]!;
  return { url, address, family: isIP(address) === 6 ? 6 : 4 };
}
