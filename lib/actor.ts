// Who is acting: a signed-in portal user. Authorization rules take one of these.
import type { Role } from "./db";
import { NotFound } from "./errors";

export type { Role };

export type Actor = { userId: string; email: string; role: Role };

export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}

/** Admin-only operations answer "not found" to anyone else, so they cannot be discovered. */
export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new NotFound("The page");
}
