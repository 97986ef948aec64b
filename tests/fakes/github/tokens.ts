import { createHash, randomBytes } from "node:crypto";

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function base62(length: number): string {
  return [...randomBytes(length)].map((byte) => BASE62[byte % BASE62.length]).join("");
}

/**
 * GitHub's token formats [FMT]: `gho_` classic OAuth App tokens, `ghu_` expiring user tokens, `ghr_`
 * refresh tokens, then `[A-Za-z0-9]`. Lengths follow the doc samples (40 and 80 characters).
 */
export const newClassicToken = (): string => `gho_${base62(36)}`;
export const newExpiringToken = (): string => `ghu_${base62(36)}`;
export const newRefreshToken = (): string => `ghr_${base62(76)}`;

/** Codes look like GitHub's: 20 hex characters. */
export const newCode = (): string => randomBytes(10).toString("hex");

/** RFC 7636: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** S256 is the only method GitHub supports, and its challenge is always 43 characters [PK][AOA]. */
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function verifierMatches(verifier: string | null, challenge: string): boolean {
  if (verifier === null || !VERIFIER.test(verifier)) return false;
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}
