// Which database a DATABASE_URL names. Shared by the Prisma client, the
// migration runner and prisma.config.ts, so all three always agree.
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(databaseUrl: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  if (databaseUrl.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)`);
}

/** The absolute path of the SQLite file a `file:` URL names (relative to the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  const withoutScheme = databaseUrl.slice("file:".length).split("?")[0] ?? "";
  return path.resolve(/*turbopackIgnore: true*/ withoutScheme);
}

export const DEFAULT_DATABASE_URL = "file:./data/latchkey.db";
