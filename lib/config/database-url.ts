// Which database a DATABASE_URL names. Shared by the config schema, the Prisma
// client and the migration runner, so all three always agree. It lives in config
// (the lowest ground folder) so db may import config and never the reverse; no
// `server-only` here, because scripts run the migration runner with tsx.
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
