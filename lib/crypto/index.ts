// Sealing with the configured key ring. The pure functions live in ./seal.
import "server-only";
import { getConfig } from "../config";
import { open, seal, type SealContext, type SealedValue } from "./seal";
import type { Secret } from "./secret";

export { Secret } from "./secret";
export { UnsealError, type SealContext, type SealedValue } from "./seal";
export { hashToken, randomToken, constantTimeEqual } from "./tokens";

export function sealSecret(secret: Secret, context: SealContext): SealedValue {
  return seal(getConfig().keyRing, secret, context);
}

export function openSecret(sealed: string, context: SealContext): Secret {
  return open(getConfig().keyRing, sealed, context);
}
