// "Contains, ignoring case" on both databases. SQLite's LIKE already ignores ASCII case and
// rejects Prisma's `mode`; PostgreSQL's LIKE is case-sensitive unless asked. PostgreSQL takes
// `\` as LIKE's escape, so `%` and `_` are searched for literally there; Prisma's SQLite LIKE
// has no escape character, so there they stay wildcards (a search can only match more rows).
import "server-only";
import { getConfig } from "../config";

export function containsText(text: string): { contains: string } {
  if (getConfig().databaseKind !== "postgresql") return { contains: text };
  return { contains: text.replace(/[\\%_]/g, (character) => `\\${character}`), mode: "insensitive" } as { contains: string };
}
