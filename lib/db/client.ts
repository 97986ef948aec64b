// Creates the Prisma client for DATABASE_URL: SQLite through better-sqlite3 by
// default, PostgreSQL through pg when the URL says so. Both generated clients
// come from one schema and have the same model API; the SQLite one's type
// stands for both.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { databaseKind, sqliteFilePath } from "../config";

export type Database = InstanceType<typeof SqliteClient>;

/** How long a SQLite writer waits for another process's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export async function createDatabase(databaseUrl: string): Promise<Database> {
  if (databaseKind(databaseUrl) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Database;
  }
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS });
  const client = new SqliteClient({ adapter });
  // WAL (set persistently by the migrator) with synchronous=NORMAL is durable
  // across process crashes and avoids an fsync per write (see STACK.md).
  // The adapter holds one connection, so this per-connection pragma sticks.
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}
