// Prisma allows one literal datasource provider per schema, so the PostgreSQL
// schema is derived from the SQLite one. `--check` fails when the checked-in
// copy is stale (run in the test script).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const source = "prisma/schema.prisma";
const target = "prisma/postgresql/schema.prisma";

export function derivePostgresSchema(sqliteSchema: string): string {
  const derived = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../lib/db/generated/sqlite"', 'output       = "../../lib/db/generated/postgresql"');
  if (derived === sqliteSchema) throw new Error("schema.prisma no longer has the expected datasource/generator lines");
  return "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.ts. Do not edit.\n" + derived;
}

const expected = derivePostgresSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  let actual = "";
  try {
    actual = readFileSync(target, "utf8");
  } catch {
    /* missing counts as stale */
  }
  if (actual !== expected) {
    console.error(`${target} is stale: run \`npx tsx scripts/derive-postgres-schema.ts\``);
    process.exit(1);
  }
} else {
  mkdirSync("prisma/postgresql", { recursive: true });
  writeFileSync(target, expected);
}
