// A fresh, migrated database per test file: a temporary SQLite file, or a new
// PostgreSQL database when the run is the PostgreSQL pass.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";

export type TestDatabase = { url: string; drop: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString("hex");
  const adminUrl = process.env.PG_ADMIN_URL;
  if (process.env.DATABASE_URL?.startsWith("postgres") && adminUrl) {
    const name = `latchkey_test_${suffix}`;
    await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await applyMigrations(url.toString());
    return { url: url.toString(), drop: () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
  }
  const file = path.join(tmpdir(), `latchkey-test-${suffix}.db`);
  const url = `file:${file}`;
  await applyMigrations(url);
  return {
    url,
    drop: async () => {
      for (const extension of ["", "-wal", "-shm"]) rmSync(file + extension, { force: true });
    },
  };
}

async function withAdmin(adminUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
