// "Contains, ignoring case" on both databases: SQLite's LIKE already ignores ASCII case and
// rejects Prisma's `mode`; PostgreSQL's LIKE is case-sensitive unless asked.
import "server-only";
import { getConfig } from "../config";

export function containsText(text: string): { contains: string } {
  return getConfig().databaseKind === "postgresql" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}
