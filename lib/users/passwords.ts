// Passwords are hashed with argon2id (@node-rs/argon2's default algorithm,
// OWASP's first choice), through a maintained native binding rather than
// hand-rolled key stretching.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

// Verified against when the email is unknown, so a miss costs as long as a hit.
let decoyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  decoyHash ??= hash("latchkey-decoy-password-for-timing");
  await verify(await decoyHash, password);
}
