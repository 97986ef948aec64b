// Which IP addresses a webhook may be sent to: public unicast only. Pure, so
// every range is unit-tested without touching a network. The vault must not be
// a way to probe its own network, so anything private, loopback, link-local,
// shared (CGNAT), multicast, reserved or documentation-only is refused, and an
// IPv6 address that embeds an IPv4 one (mapped, compatible, NAT64) is judged by
// the IPv4 address inside; the tunnelling and translating prefixes that could
// reach an internal IPv4 address another way (6to4, Teredo, translated,
// local-use NAT64) are refused whole.
import { BlockList, isIPv4, isIPv6 } from "node:net";

const nonPublicV4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network", including 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
] as const) {
  nonPublicV4.addSubnet(network, prefix, "ipv4");
}

const nonPublicV6 = new BlockList();
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT): reaches the IPv4 address inside through a local translator
  ["64:ff9b:1::", 48], // local-use NAT64: a translator inside the network
  ["100::", 64], // discard-only
  ["2001::", 32], // Teredo: tunnels to an IPv4 address
  ["2002::", 16], // 6to4: tunnels to the IPv4 address in its next 32 bits
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed inside some networks)
  ["ff00::", 8], // multicast
] as const) {
  nonPublicV6.addSubnet(network, prefix, "ipv6");
}

/** True only for a public unicast address; anything else (including text that is no address) is false. */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return !nonPublicV4.check(ip, "ipv4");
  if (!isIPv6(ip)) return false;
  const words = ipv6Words(ip);
  const embedded = embeddedIPv4(words);
  if (embedded) return isPublicAddress(embedded);
  return !nonPublicV6.check(ip, "ipv6");
}

/** The IPv4 address inside ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible) or 64:ff9b::a.b.c.d (NAT64). */
function embeddedIPv4(words: number[]): string | null {
  const high = words.slice(0, 6);
  const zeros = (list: number[]) => list.every((word) => word === 0);
  const mapped = zeros(high.slice(0, 5)) && high[5] === 0xffff;
  const compatible = zeros(high) && (words[6] !== 0 || words[7]! > 1);
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && zeros(high.slice(2));
  if (!mapped && !compatible && !nat64) return null;
  return [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff].join(".");
}

/** The eight 16-bit words of a valid IPv6 address (with "::" expanded and a trailing dotted quad read). */
function ipv6Words(ip: string): number[] {
  let text = ip.replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(":").map((word) => parseInt(word, 16)) : []);
  const start = parse(head);
  const end = tail === undefined ? [] : parse(tail);
  return [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
}
