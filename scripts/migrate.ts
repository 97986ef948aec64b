// Applies pending migrations: `npx tsx scripts/migrate.ts` (uses DATABASE_URL, else the default SQLite file).
import { applyMigrations } from "../lib/db/migrate";
import { DEFAULT_DATABASE_URL } from "../lib/config/database-url";

const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

try {
  const { applied } = await applyMigrations(databaseUrl, { log: (message) => console.log(message) });
  if (applied.length === 0) console.log("No pending migrations.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
