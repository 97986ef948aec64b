// The token read's two statements, spoken to the database driver directly.
// Each Prisma operation costs 1–2 ms here (measured: key lookup 1.7 ms,
// connection 1.1 ms, audit insert 2 ms on an idle server), several times the
// whole rest of a token read; this is the one path hot enough to skip it.
// Its row types come from Prisma's generated ones, so a schema change that
// breaks this path breaks the build; tests/integration/direct-db-contract.test.ts
// checks that both paths read and write the same rows.
import { ConnectionStatus, type ApiKey, type AuditEvent, type Connection, type ProxyRequest } from "../generated/sqlite/client.ts";

/** One API key, joined with the requested connection when it belongs to the key's application (the token read and the proxy). */
export type TokenReadRow = {
  apiKeyId: ApiKey["id"];
  apiKeyHash: ApiKey["hash"];
  apiKeyRevoked: boolean;
  apiKeyLastUsedAt: ApiKey["lastUsedAt"];
  applicationId: ApiKey["applicationId"];
  connection: Pick<Connection, "id" | "provider" | "status" | "accessToken" | "tokenType" | "expiresAt" | "grantedScopes"> | null;
};

/** An audit row as Prisma would create it; `createdAt` is passed beside it. */
export type AuditInsert = Omit<AuditEvent, "createdAt">;

/** A request log row (lib/request-log), every column given. */
export type ProxyRequestInsert = ProxyRequest;

export type DirectDatabase = {
  findTokenRead(apiKeyHash: string, connectionId: string): Promise<TokenReadRow | undefined>;
  insertAudit(row: AuditInsert, createdAt: Date): Promise<void>;
  insertProxyRequest(row: ProxyRequestInsert): Promise<void>;
  close(): Promise<void>;
};

/** A stored status, refused as Prisma refuses it when it is not one of the enum's values. */
export function connectionStatus(value: unknown): ConnectionStatus {
  if (typeof value === "string" && Object.hasOwn(ConnectionStatus, value)) return value as ConnectionStatus;
  throw new Error(`Value '${String(value)}' not found in enum 'ConnectionStatus'`);
}
