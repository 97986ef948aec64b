// Whose address the audit log records: the socket's, unless the operator says
// how many proxies in front append to X-Forwarded-For.
import { describe, expect, test } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, resolveClientAddress } from "@/lib/http";

describe("the client's address from the socket and TRUST_PROXY_HOPS", () => {
  test("with 0 hops a client's X-Forwarded-For is ignored: the socket's address counts", () => {
    expect(resolveClientAddress("198.51.100.20", "203.0.113.9", 0)).toBe("198.51.100.20");
    expect(resolveClientAddress("198.51.100.20", undefined, 0)).toBe("198.51.100.20");
  });

  test("with 1 hop the last X-Forwarded-For entry (the one our proxy appended) counts, not the ones before it", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9, 198.51.100.7", 1)).toBe("198.51.100.7");
  });

  test("with 2 hops the second entry from the right counts", () => {
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9,198.51.100.7 , 10.0.0.1", 2)).toBe("198.51.100.7");
  });

  test("repeated X-Forwarded-For lines form one chain, in order", () => {
    expect(resolveClientAddress("10.0.0.2", ["203.0.113.9", "198.51.100.7"], 2)).toBe("203.0.113.9");
  });

  test("more hops than entries: the leftmost entry there is", () => {
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7", 5)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", undefined, 3)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", " , ", 3)).toBe("10.0.0.2");
  });

  test("an IPv4 peer on a dual-stack socket is recorded as plain IPv4; IPv6 stays as it is", () => {
    expect(resolveClientAddress("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    expect(resolveClientAddress("::1", undefined, 0)).toBe("::1");
  });

  test("no socket address (the connection is already gone): no address", () => {
    expect(resolveClientAddress(undefined, "203.0.113.9", 1)).toBeNull();
  });
});

describe("route handlers read only our header", () => {
  test("from Headers or from a plain header record (next-auth's authorize)", () => {
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "198.51.100.20" }))).toBe("198.51.100.20");
    expect(clientAddress({ [CLIENT_ADDRESS_HEADER]: "198.51.100.20" })).toBe("198.51.100.20");
  });

  test("X-Forwarded-For and X-Real-IP are not read; without our header there is no address", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9" }))).toBeNull();
    expect(clientAddress({})).toBeNull();
  });
});
