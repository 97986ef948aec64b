// Before each integration test file: its own migrated database and its own
// keys, set in the environment before any application module reads it.
import { afterAll } from "vitest";
import { randomBytes } from "node:crypto";
import { generateKeyRingEntry } from "@/lib/config/key-ring";
import { createTestDatabase } from "./test-database";

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
process.env.LATCHKEY_ENCRYPTION_KEYS = generateKeyRingEntry(1);
process.env.LATCHKEY_AUTH_SECRET = randomBytes(32).toString("base64url");
process.env.APP_URL = "http://localhost:3999";
process.env.BACKGROUND_REFRESH = "off";

afterAll(async () => {
  const holder = globalThis as unknown as { latchkeyDb?: Promise<{ $disconnect(): Promise<void> }>; latchkeyDirectDb?: { close(): Promise<void> } };
  if (holder.latchkeyDb) await (await holder.latchkeyDb).$disconnect();
  await holder.latchkeyDirectDb?.close();
  delete holder.latchkeyDb;
  delete holder.latchkeyDirectDb;
  await database.drop();
});
