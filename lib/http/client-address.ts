// Whose address goes into the audit log. A client can write anything into
// X-Forwarded-For, so it counts only as far as the operator says proxies stand
// in front (TRUST_PROXY_HOPS). Our own server (scripts/server.ts) works the
// address out from the socket for every request and hands it on in a header
// of ours, overwriting whatever a client sent in that header.

/** The header our server sets; route handlers read only this. */
export const CLIENT_ADDRESS_HEADER = "x-latchkey-client-address";

type HeaderSource = Headers | Readonly<Record<string, string | string[] | undefined>>;

/**
 * The address of the party that sent the request: with 0 trusted hops the
 * socket's peer; with N, the N-th entry from the right of the chain
 * `X-Forwarded-For entries…, socket address` (each trusted proxy appends the
 * address it was called from). When N exceeds the entries, the leftmost entry
 * is the best there is (the same rule as Express's `trust proxy` count).
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  if (!socketAddress) return null;
  const forwarded = trustedHops > 0 ? forwardedEntries(forwardedFor) : [];
  const chain = [...forwarded, socketAddress];
  return withoutIpv4Mapping(chain[Math.max(0, chain.length - 1 - trustedHops)]!);
}

/** The address our server recorded for this request, or null when the request did not come through it (tests calling handlers directly). */
export function clientAddress(headers: HeaderSource): string | null {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  const single = Array.isArray(value) ? value[0] : value;
  return single?.trim() || null;
}

function forwardedEntries(header: string | string[] | undefined): string[] {
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  return lines
    .flatMap((line) => line.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean);
}

// A dual-stack socket reports an IPv4 peer as ::ffff:127.0.0.1; the audit log shows 127.0.0.1.
function withoutIpv4Mapping(address: string): string {
  return address.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, "$1");
}
