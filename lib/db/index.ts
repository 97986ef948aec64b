// The one database handle of the process.
import "server-only";
import { getConfig } from "../config";
import { createDatabase, type Database } from "./client";

export type { Database } from "./client";
export type {
  User,
  Invitation,
  Application,
  ApiKey,
  ProviderConfig,
  ConnectSession,
  EndUserSession,
  OAuthState,
  Connection,
  AuditEvent,
} from "./generated/sqlite/client.ts";
export type { WebhookEndpoint, WebhookEvent, WebhookDelivery } from "./generated/sqlite/client.ts";
export type { ProxyRequest } from "./generated/sqlite/client.ts";
export { Prisma, Role, ConnectionStatus, AuditActorType } from "./generated/sqlite/client.ts";
export { createBatchLoader, createBatchWriter } from "./batch-loader";
export { containsText } from "./text-search";
export { directDb } from "./direct";

const globalForDb = globalThis as unknown as { latchkeyDb?: Promise<Database> };

/** The shared client; created on first use (and kept across dev hot reloads). */
export function db(): Promise<Database> {
  globalForDb.latchkeyDb ??= createDatabase(getConfig().databaseUrl);
  return globalForDb.latchkeyDb;
}
