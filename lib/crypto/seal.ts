// AES-256-GCM sealing of secrets at rest.
// Stored form: `v<key version>:<nonce base64url>:<ciphertext+tag base64url>`.
// The associated data names the row and field, so a sealed value copied into
// another row or column fails to open instead of silently decrypting there.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyRing } from "../config";
import { Secret } from "./secret";

export type SealedValue = string & { readonly __brand: "SealedValue" };

/** Where a sealed value lives: it can only be opened there. */
export type SealContext = { table: string; rowId: string; field: string };

export class UnsealError extends Error {
  override name = "UnsealError";
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function associatedData({ table, rowId, field }: SealContext): Buffer {
  return Buffer.from(`latchkey:${table}:${rowId}:${field}`, "utf8");
}

export function seal(keyRing: KeyRing, secret: Secret, context: SealContext): SealedValue {
  const version = keyRing.sealingVersion;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyRing.keys.get(version)!, nonce);
  cipher.setAAD(associatedData(context));
  const ciphertext = Buffer.concat([cipher.update(secret.reveal(), "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v${version}:${nonce.toString("base64url")}:${ciphertext.toString("base64url")}` as SealedValue;
}

export function sealedKeyVersion(sealed: string): number {
  const match = /^v(\d+):/.exec(sealed);
  if (!match) throw new UnsealError("not a sealed value");
  return Number(match[1]);
}

export function open(keyRing: KeyRing, sealed: string, context: SealContext): Secret {
  const [versionPart, noncePart, bodyPart, ...rest] = sealed.split(":");
  if (!versionPart || !noncePart || !bodyPart || rest.length > 0) throw new UnsealError("not a sealed value");
  const version = sealedKeyVersion(sealed);
  const key = keyRing.keys.get(version);
  if (!key) throw new UnsealError(`sealed with key v${version}, which is not in the key ring`);
  const nonce = Buffer.from(noncePart, "base64url");
  const body = Buffer.from(bodyPart, "base64url");
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) throw new UnsealError("not a sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAAD(associatedData(context));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    const plaintext = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
    return new Secret(plaintext.toString("utf8"));
  } catch {
    throw new UnsealError("sealed value failed authentication (tampered, or moved from another row or field)");
  }
}
