import type { Role } from "@/lib/actor";

/** What the portal calls each role, wherever it names one (Developer first: the default choice). */
export const roleLabels: Record<Role, string> = { DEVELOPER: "Developer", ADMIN: "Admin" };

/** A stored role in words; a value that is not a role (an old audit event) reads "?". */
export function roleLabel(role: unknown): string {
  return typeof role === "string" && Object.hasOwn(roleLabels, role) ? roleLabels[role as Role] : "?";
}
