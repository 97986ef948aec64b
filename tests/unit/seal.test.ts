import { describe, expect, test } from "vitest";
import { generateKeyRingEntry, parseKeyRing } from "@/lib/config/key-ring";
import { open, seal, UnsealError } from "@/lib/crypto/seal";
import { Secret } from "@/lib/crypto/secret";
import { inspect } from "node:util";

const where = { table: "Connection", rowId: "conn_1", field: "accessToken" };
const v1 = generateKeyRingEntry(1);
const v2 = generateKeyRingEntry(2);

describe("sealing secrets", () => {
  test("a sealed value opens to the original, and names its key version", () => {
    const ring = parseKeyRing(v1);
    const sealed = seal(ring, new Secret("token-ü-✓"), where);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("token");
    expect(open(ring, sealed, where).reveal()).toBe("token-ü-✓");
  });

  test("every seal uses a fresh nonce", () => {
    const ring = parseKeyRing(v1);
    expect(seal(ring, new Secret("same"), where)).not.toBe(seal(ring, new Secret("same"), where));
  });

  test("a tampered ciphertext fails to open", () => {
    const ring = parseKeyRing(v1);
    const sealed = seal(ring, new Secret("secret"), where);
    const [version, nonce, body] = sealed.split(":");
    const bytes = Buffer.from(body!, "base64url");
    bytes[0] = bytes[0]! ^ 1;
    expect(() => open(ring, `${version}:${nonce}:${bytes.toString("base64url")}`, where)).toThrow(UnsealError);
  });

  test("a value moved to another row or field fails to open", () => {
    const ring = parseKeyRing(v1);
    const sealed = seal(ring, new Secret("secret"), where);
    expect(() => open(ring, sealed, { ...where, rowId: "conn_2" })).toThrow(UnsealError);
    expect(() => open(ring, sealed, { ...where, field: "refreshToken" })).toThrow(UnsealError);
  });

  test("an unknown key version is refused with its version named", () => {
    const sealed = seal(parseKeyRing(v2), new Secret("secret"), where);
    expect(() => open(parseKeyRing(v1), sealed, where)).toThrow(/v2/);
  });

  test("the newest key seals and an older listed key still opens", () => {
    const old = seal(parseKeyRing(v1), new Secret("old secret"), where);
    const ring = parseKeyRing(`${v1},${v2}`);
    expect(open(ring, old, where).reveal()).toBe("old secret");
    expect(seal(ring, new Secret("new"), where)).toMatch(/^v2:/);
  });

  test("garbage is not a sealed value", () => {
    expect(() => open(parseKeyRing(v1), "plaintext-token", where)).toThrow(UnsealError);
  });

  test("a secret never prints its value", () => {
    const secret = new Secret("hunter2hunter2");
    expect(String(secret)).not.toContain("hunter2");
    expect(JSON.stringify({ secret })).not.toContain("hunter2");
    expect(inspect({ secret })).not.toContain("hunter2");
  });
});

describe("key ring", () => {
  test("rejects keys of the wrong length, bad format and duplicates", () => {
    expect(() => parseKeyRing("v1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseKeyRing("key-without-version")).toThrow(/v1:/);
    expect(() => parseKeyRing(`${v1},${v1}`)).toThrow(/twice/);
    expect(() => parseKeyRing("")).toThrow(/no key/);
  });
});
