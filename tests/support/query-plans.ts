// A database handle that records the SQL Prisma sends, and the database's own
// plan for a recorded query: how a test proves a page is an index range scan,
// on SQLite and PostgreSQL alike.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { expect } from "vitest";
import { databaseKind, sqliteFilePath } from "@/lib/config/database-url";
import { db, type Database } from "@/lib/db";
import { PrismaClient as PostgresClient } from "@/lib/db/generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client.ts";

export const isPostgres = databaseKind(process.env.DATABASE_URL!) === "postgresql";

type SentQuery = { query: string; params: string };

async function loggingDatabase(sent: SentQuery[]): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL!;
  const record = (event: SentQuery) => sent.push(event);
  if (isPostgres) {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), log: [{ emit: "event", level: "query" }] });
    client.$on("query", record);
    return client as unknown as Database;
  }
  const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl) }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", record);
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

/** Makes the process's database handle (lib/db) one that records what it sends; call before anything uses it. */
export function recordQueries() {
  const sent: SentQuery[] = [];
  (globalThis as unknown as { latchkeyDb?: Promise<Database> }).latchkeyDb = loggingDatabase(sent);
  return {
    clear: () => void sent.splice(0),
    /** The plan of the last query sent that reads `table`, as the database describes it. */
    async planOfLast(table: string): Promise<string> {
      const prisma = await db();
      const query = sent.filter((entry) => new RegExp(`FROM\\s+\\S*${table}\\b`).test(entry.query)).at(-1);
      expect(query, `a query on ${table} was captured`).toBeDefined();
      const params = JSON.parse(query!.params) as unknown[];
      if (isPostgres) {
        return (await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query!.query}`, ...params)).map((row) => row["QUERY PLAN"]).join("\n");
      }
      return (await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${query!.query}`, ...params)).map((row) => row.detail).join("\n");
    },
  };
}
