// Parses and generates the encryption key ring: `v1:<base64>,v2:<base64>`.
// Part of config (crypto reads the parsed ring from getConfig), so crypto may
// import config and never the reverse.
import { randomBytes } from "node:crypto";

export type KeyRing = {
  /** Version of the key that seals new values: the highest listed. */
  sealingVersion: number;
  keys: ReadonlyMap<number, Buffer>;
};

const KEY_BYTES = 32;

export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<number, Buffer>();
  for (const entry of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^v(\d+):(.+)$/.exec(entry);
    if (!match) throw new Error("each key must look like v1:<base64 of 32 bytes>");
    const version = Number(match[1]);
    const key = Buffer.from(match[2]!, "base64");
    if (key.length !== KEY_BYTES) throw new Error(`key v${version} must be 32 bytes of base64`);
    if (keys.has(version)) throw new Error(`key v${version} is listed twice`);
    keys.set(version, key);
  }
  if (keys.size === 0) throw new Error("no key listed");
  return { sealingVersion: Math.max(...keys.keys()), keys };
}

export function generateKeyRingEntry(version: number): string {
  return `v${version}:${randomBytes(KEY_BYTES).toString("base64")}`;
}
