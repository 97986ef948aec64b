// Who is acting: a signed-in portal user. Authorization rules take one of these.
export type Role = "ADMIN" | "DEVELOPER";

export type Actor = { userId: string; email: string; role: Role };

export function isAdmin(actor: Actor): boolean {
  return actor.role === "ADMIN";
}
