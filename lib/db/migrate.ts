// Applies the hand-written migrations in prisma/migrations (SQLite) or
// prisma/postgresql/migrations (PostgreSQL). The Prisma schema engine cannot be
// downloaded here, so this runner stands in for `prisma migrate deploy`: it keeps
// `_prisma_migrations` exactly as Prisma does (same table, sha256 checksums), so
// Prisma's CLI on a machine that has the engine agrees with what was applied.
// No `server-only` import: scripts run this with tsx.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { ensurePrivateDirectory, ensurePrivateFile, tightenIfShared } from "../private-files";
// The one file of config it needs, not config's entry, which is server-only.
import { databaseKind, sqliteFilePath, type DatabaseKind } from "../config/database-url";

export interface MigrateOptions {
  log?: (message: string) => void;
  /** Defaults to migrationsFolder(kind); tests point it at a copy. */
  migrationsDir?: string;
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

interface MigrationRecord {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

/** Prisma's own key for `prisma migrate`, so our runner and Prisma's CLI exclude each other. */
const POSTGRES_ADVISORY_LOCK_KEY = 72707369;
/** A second process waits this long for the first one's migration to commit. */
const SQLITE_BUSY_TIMEOUT_MS = 60_000;

export function migrationsFolder(kind: DatabaseKind): string {
  const relative = kind === "sqlite" ? "prisma/migrations" : "prisma/postgresql/migrations";
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), relative);
}

export async function applyMigrations(databaseUrl: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const kind = databaseKind(databaseUrl);
  const migrations = readMigrations(options.migrationsDir ?? migrationsFolder(kind));
  const log = options.log ?? (() => {});
  const applied = kind === "sqlite" ? await applySqlite(sqliteFilePath(databaseUrl), migrations, log) : await applyPostgres(databaseUrl, migrations, log);
  return { applied };
}

/** Every `<name>/migration.sql` in the folder, in name order (as Prisma orders them). */
function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/**
 * The migrations still to apply, after checking the recorded history against the files.
 * Rows rolled back with `prisma migrate resolve --rolled-back` are ignored, as Prisma does.
 */
function pendingMigrations(migrations: Migration[], records: MigrationRecord[]): Migration[] {
  const recorded = new Map(records.map((record) => [record.migration_name, record]));
  for (const record of records) {
    if (record.finished_at === null) {
      throw new Error(
        `Migration ${record.migration_name} was started but never finished. Repair the database by hand, ` +
          `then mark it with \`prisma migrate resolve --applied\` or \`--rolled-back\`.`,
      );
    }
  }
  for (const migration of migrations) {
    const record = recorded.get(migration.name);
    if (record && record.checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was modified after it was applied (checksum ${record.checksum} in the ` +
          `database, ${migration.checksum} on disk). Restore the file; put changes in a new migration.`,
      );
    }
  }
  return migrations.filter((migration) => !recorded.has(migration.name));
}

// ---------------------------------------------------------------- SQLite

const SQLITE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

/**
 * better-sqlite3 is synchronous, so nothing here awaits while a transaction is open: two
 * calls in one process cannot interleave, and other processes wait on BEGIN IMMEDIATE.
 */
async function applySqlite(file: string, migrations: Migration[], log: (message: string) => void): Promise<string[]> {
  // Owner-only before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode.
  // The folder is tightened only when created here: the file may live in a shared one such as /tmp.
  ensurePrivateDirectory(path.dirname(file), log, { tightenExisting: false });
  ensurePrivateFile(file, log);
  for (const companion of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) tightenIfShared(companion, log);
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    await enableWal(db);
    // Prisma writes SQLite migrations that redefine tables behind `PRAGMA foreign_keys=OFF`,
    // which is a no-op inside a transaction; with enforcement on, DROP TABLE of a parent would
    // cascade-delete its children. So enforcement is off here and checked before each commit.
    db.pragma("foreign_keys = OFF");
    db.transaction(() => db.exec(SQLITE_MIGRATIONS_TABLE)).immediate();

    const applied: string[] = [];
    // One transaction per migration, each re-reading the history: another process may have
    // applied some while this one waited for the lock.
    for (;;) {
      const name = db.transaction(() => applyNextSqliteMigration(db, migrations)).immediate();
      if (name === null) return applied;
      log(`Applied migration ${name}`);
      applied.push(name);
    }
  } finally {
    db.close();
  }
}

/**
 * WAL is stored in the file, so every later connection (the app's too) uses it. When several
 * processes switch a new file at once, SQLite can answer SQLITE_BUSY without waiting on the
 * busy timeout, so the switch is retried here (no transaction is open meanwhile).
 */
async function enableWal(db: Database.Database): Promise<void> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code === "SQLITE_BUSY";
      if (!busy || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

function applyNextSqliteMigration(db: Database.Database, migrations: Migration[]): string | null {
  const records = db.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`).all() as MigrationRecord[];
  const next = pendingMigrations(migrations, records)[0];
  if (!next) return null;

  // Prisma stores SQLite timestamps as Unix milliseconds.
  const startedAt = Date.now();
  db.exec(next.sql);
  const violations = db.pragma("foreign_key_check") as unknown[];
  if (violations.length > 0) {
    throw new Error(`Migration ${next.name} leaves ${violations.length} rows violating foreign keys`);
  }
  db.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
     VALUES (?, ?, ?, ?, ?, 1)`,
  ).run(randomUUID(), next.checksum, Date.now(), next.name, startedAt);
  return next.name;
}

// ---------------------------------------------------------------- PostgreSQL

const POSTGRES_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

/** The advisory lock is held for the whole run, so the history read once stays true. */
async function applyPostgres(url: string, migrations: Migration[], log: (message: string) => void): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [POSTGRES_ADVISORY_LOCK_KEY]);
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const { rows } = await client.query<MigrationRecord>("SELECT migration_name, checksum, finished_at FROM _prisma_migrations WHERE rolled_back_at IS NULL");
    const applied: string[] = [];
    for (const migration of pendingMigrations(migrations, rows)) {
      await applyPostgresMigration(client, migration);
      log(`Applied migration ${migration.name}`);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    // Closing the session also releases the advisory lock.
    await client.end();
  }
}

async function applyPostgresMigration(client: pg.Client, migration: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(migration.sql);
    // now() is the transaction's start, clock_timestamp() the moment of recording.
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    // Report the migration's own error, not a failed ROLLBACK on a broken connection.
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
