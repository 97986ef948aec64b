// The hand-written migrations and their runner, against the database kind in DATABASE_URL
// (SQLite when unset or `file:`, PostgreSQL when `postgresql://`, with PG_ADMIN_URL to create
// databases). Every test migrates its own fresh database.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, migrationsFolder } from "../../lib/db/migrate";
import { databaseKind, DEFAULT_DATABASE_URL, type DatabaseKind } from "../../lib/config/database-url";
import { parsePrismaEnums, parsePrismaSchema } from "../support/prisma-schema";

const kind = databaseKind(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
const projectRoot = process.cwd();
const schemaFile = kind === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma";

// Prisma's default column type for each scalar type, as the database reports it.
const COLUMN_TYPES: Record<DatabaseKind, Record<string, string>> = {
  sqlite: {
    String: "TEXT",
    Int: "INTEGER",
    BigInt: "BIGINT",
    Float: "REAL",
    Decimal: "DECIMAL",
    Boolean: "BOOLEAN",
    DateTime: "DATETIME",
    Json: "JSONB",
    Bytes: "BLOB",
  },
  postgresql: {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Bytes: "bytea",
  },
};

interface ColumnRow {
  table: string;
  column: string;
  type: string;
  nullable: boolean | number;
}

interface TestDatabase {
  url: string;
  query<T>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-migrations-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function freshDatabase(): Promise<TestDatabase> {
  const database = kind === "sqlite" ? freshSqliteDatabase() : await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  return database;
}

function freshSqliteDatabase(): TestDatabase {
  const file = path.join(tempDir(), "nested", "test.db");
  return {
    url: `file:${file}`,
    async query<T>(sql: string) {
      const db = new Database(file);
      try {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all() as T[];
        statement.run();
        return [];
      } finally {
        db.close();
      }
    },
    drop: async () => {},
  };
}

async function freshPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.PG_ADMIN_URL;
  if (!adminUrl) throw new Error("PG_ADMIN_URL must name a database to create test databases from");
  const name = `latchkey_migrations_${randomBytes(6).toString("hex")}`;
  await postgresQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: <T>(sql: string) => postgresQuery<T>(url.toString(), sql),
    drop: async () => {
      await postgresQuery(adminUrl, `DROP DATABASE "${name}" WITH (FORCE)`);
    },
  };
}

async function postgresQuery<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function migrationNames(dir = migrationsFolder(kind)): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** An enum column: PostgreSQL's own type of that name (quoted: the names are mixed case), SQLite's TEXT. */
function enumColumnType(name: string): string {
  return kind === "sqlite" ? "TEXT" : `"${name}"`;
}

/** `Table.column TYPE NULL|NOT NULL` for every column the schema declares. */
function expectedColumns(): string[] {
  const source = readFileSync(schemaFile, "utf8");
  const enums = new Set(parsePrismaEnums(source).map((schemaEnum) => schemaEnum.name));
  return parsePrismaSchema(source).flatMap((table) =>
    table.columns.map((column) => {
      const type = enums.has(column.type) ? enumColumnType(column.type) : COLUMN_TYPES[kind][column.type];
      if (!type) throw new Error(`No expected ${kind} column type for ${table.model}.${column.name}: ${column.type}`);
      return describeColumn({ table: table.name, column: column.name, type, nullable: column.optional });
    }),
  );
}

async function actualColumns(database: TestDatabase): Promise<string[]> {
  const sql =
    kind === "sqlite"
      ? `SELECT m.name AS "table", p.name AS "column", p.type AS type, p."notnull" = 0 AS nullable
         FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name <> '_prisma_migrations'`
      : `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS type,
                NOT a.attnotnull AS nullable
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
           AND c.relname <> '_prisma_migrations'`;
  return (await database.query<ColumnRow>(sql)).map(describeColumn);
}

function describeColumn(row: ColumnRow): string {
  return `${row.table}.${row.column} ${row.type} ${row.nullable ? "NULL" : "NOT NULL"}`;
}

const tableOf = (line: string) => line.slice(0, line.indexOf("."));
const sortedUnique = (values: string[]) => [...new Set(values)].sort();

describe(`migrations (${kind})`, () => {
  it("create exactly the tables and columns the Prisma schema declares", async () => {
    const database = await freshDatabase();
    await applyMigrations(database.url);

    const expected = expectedColumns();
    const actual = await actualColumns(database);
    expect(sortedUnique(actual.map(tableOf))).toEqual(sortedUnique(expected.map(tableOf)));
    expect(actual.sort()).toEqual(expected.sort());
  });

  it.runIf(kind === "postgresql")("create each enum type with exactly the schema's values, in order", async () => {
    const database = await freshDatabase();
    await applyMigrations(database.url);

    const rows = await database.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = current_schema() GROUP BY t.typname`,
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(rows.sort(byName)).toEqual(parsePrismaEnums(readFileSync(schemaFile, "utf8")).sort(byName));
  });

  it("keeps the stored roles, statuses and actor types when those columns become enums", async () => {
    const database = await freshDatabase();
    const migrationsDir = path.join(tempDir(), "migrations");
    cpSync(migrationsFolder(kind), migrationsDir, { recursive: true });
    const enums = "20261129011000_enums";
    const later = migrationNames(migrationsDir).filter((name) => name >= enums);
    const aside = tempDir();
    for (const name of later) renameSync(path.join(migrationsDir, name), path.join(aside, name));
    await applyMigrations(database.url, { migrationsDir });
    for (const statement of [
      `INSERT INTO "User" (id, email, "passwordHash", role, "updatedAt") VALUES ('u1', 'a@example.test', 'x', 'ADMIN', CURRENT_TIMESTAMP), ('u2', 'd@example.test', 'x', 'DEVELOPER', CURRENT_TIMESTAMP)`,
      `INSERT INTO "Invitation" (id, "tokenHash", role, "createdById", "expiresAt") VALUES ('i1', 'h', 'DEVELOPER', 'u1', CURRENT_TIMESTAMP)`,
      `INSERT INTO "Application" (id, name, "ownerId", "updatedAt") VALUES ('a1', 'App', 'u1', CURRENT_TIMESTAMP)`,
      `INSERT INTO "Connection" (id, "applicationId", provider, "endUserId", "providerAccountId", status, "updatedAt") VALUES
         ('c1', 'a1', 'bitbucket', 'e', 'p1', 'ACTIVE', CURRENT_TIMESTAMP), ('c2', 'a1', 'bitbucket', 'e', 'p2', 'NEEDS_REAUTH', CURRENT_TIMESTAMP),
         ('c3', 'a1', 'bitbucket', 'e', 'p3', 'REVOKED', CURRENT_TIMESTAMP)`,
      `INSERT INTO "AuditEvent" (id, action, "actorType") VALUES ('v1', 'x', 'USER'), ('v2', 'x', 'API_KEY'), ('v3', 'x', 'END_USER'), ('v4', 'x', 'SYSTEM')`,
    ]) {
      await database.query(statement);
    }

    for (const name of later) renameSync(path.join(aside, name), path.join(migrationsDir, name));
    expect((await applyMigrations(database.url, { migrationsDir })).applied).toEqual(later);

    const values = await database.query<{ id: string; value: string }>(
      `SELECT id, CAST(role AS TEXT) AS value FROM "User" UNION ALL SELECT id, CAST(role AS TEXT) FROM "Invitation"
       UNION ALL SELECT id, CAST(status AS TEXT) FROM "Connection" UNION ALL SELECT id, CAST("actorType" AS TEXT) FROM "AuditEvent" ORDER BY id`,
    );
    expect(values).toEqual([
      { id: "c1", value: "ACTIVE" },
      { id: "c2", value: "NEEDS_REAUTH" },
      { id: "c3", value: "REVOKED" },
      { id: "i1", value: "DEVELOPER" },
      { id: "u1", value: "ADMIN" },
      { id: "u2", value: "DEVELOPER" },
      { id: "v1", value: "USER" },
      { id: "v2", value: "API_KEY" },
      { id: "v3", value: "END_USER" },
      { id: "v4", value: "SYSTEM" },
    ]);
  });

  it("applies nothing the second time", async () => {
    const database = await freshDatabase();
    expect((await applyMigrations(database.url)).applied).toEqual(migrationNames());
    expect((await applyMigrations(database.url)).applied).toEqual([]);
  });

  it("records each migration with Prisma's checksum: sha256 of migration.sql", async () => {
    const database = await freshDatabase();
    await applyMigrations(database.url);

    const rows = await database.query<{ migration_name: string; checksum: string; finished: unknown; steps: unknown }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count AS steps
       FROM _prisma_migrations ORDER BY migration_name`,
    );
    const expected = migrationNames().map((name) => ({
      migration_name: name,
      checksum: createHash("sha256")
        .update(readFileSync(path.join(migrationsFolder(kind), name, "migration.sql")))
        .digest("hex"),
    }));
    expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expected);
    for (const row of rows) {
      expect(Boolean(row.finished)).toBe(true);
      expect(Number(row.steps)).toBe(1);
    }
  });

  it("refuses a migration file changed after it was applied", async () => {
    const database = await freshDatabase();
    const migrationsDir = path.join(tempDir(), "migrations");
    cpSync(migrationsFolder(kind), migrationsDir, { recursive: true });
    await applyMigrations(database.url, { migrationsDir });

    const [first] = migrationNames(migrationsDir);
    appendFileSync(path.join(migrationsDir, first!, "migration.sql"), "\n-- edited after the fact\n");
    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(new RegExp(`${first} was modified after it was applied`));
  });

  it("refuses to go on after a migration that started but never finished", async () => {
    const database = await freshDatabase();
    await applyMigrations(database.url);
    await database.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('failed-run', 'x', '29990101000000_broken')`);
    await expect(applyMigrations(database.url)).rejects.toThrow(/29990101000000_broken was started but never finished/);
  });

  it("applies each migration once when two processes start at the same moment", async () => {
    const database = await freshDatabase();
    const script = path.join(tempDir(), "race.mts");
    writeFileSync(
      script,
      `import { applyMigrations } from ${JSON.stringify(pathToFileURL(path.join(projectRoot, "lib/db/migrate.ts")).href)};
      const [url, startAt] = process.argv.slice(2);
      // Both processes wait for the same instant, so they really do race.
      while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
      console.log(JSON.stringify((await applyMigrations(url)).applied));`,
    );
    const startAt = String(Date.now() + 2_500);
    const run = () => promisify(execFile)(process.execPath, ["--import", "tsx", script, database.url, startAt], { cwd: projectRoot });

    const results = await Promise.all([run(), run()]);

    const appliedByEither = results.flatMap(({ stdout }) => JSON.parse(stdout) as string[]);
    expect(appliedByEither.sort()).toEqual(migrationNames());
    const rows = await database.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations`);
    expect(rows.map((row) => row.migration_name).sort()).toEqual(migrationNames());
  }, 30_000);
});
