// The direct-driver handle for the token read (see ./types for why).
import "server-only";
import { getConfig, sqliteFilePath } from "../../config";
import { postgresDirect } from "./postgres";
import { sqliteDirect } from "./sqlite";
import type { DirectDatabase } from "./types";

export type { DirectDatabase, ProxyRequestInsert, TokenReadRow } from "./types";

const holder = globalThis as unknown as { latchkeyDirectDb?: DirectDatabase };

export function directDb(): DirectDatabase {
  const { databaseKind, databaseUrl } = getConfig();
  holder.latchkeyDirectDb ??= databaseKind === "postgresql" ? postgresDirect(databaseUrl) : sqliteDirect(sqliteFilePath(databaseUrl));
  return holder.latchkeyDirectDb;
}
