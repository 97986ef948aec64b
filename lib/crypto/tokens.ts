// Random bearer tokens (API keys, connect-session tokens, OAuth states,
// invitations) and their stored hashes. They have 256 bits of entropy, so a
// fast SHA-256 is the right hash: nothing to brute-force, and lookups stay cheap.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function randomToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
