import Database from "better-sqlite3";
import { createBatchWriter } from "../batch-loader";
import { connectionStatus, type AuditInsert, type DirectDatabase, type ProxyRequestInsert } from "./types";

const TOKEN_READ = `
  SELECT k.id AS apiKeyId, k.hash AS apiKeyHash, k.revokedAt IS NOT NULL AS apiKeyRevoked, k.lastUsedAt AS apiKeyLastUsedAt,
         k.applicationId AS applicationId, c.id AS connectionId, c.provider AS provider, c.status AS status, c.accessToken AS accessToken,
         c.tokenType AS tokenType, c.expiresAt AS expiresAt, c.grantedScopes AS grantedScopes
  FROM "ApiKey" k LEFT JOIN "Connection" c ON c.id = ? AND c.applicationId = k.applicationId
  WHERE k.hash = ?`;

const INSERT_AUDIT = `
  INSERT INTO "AuditEvent" (id, createdAt, action, actorType, actorId, applicationId, connectionId, ipAddress, details)
  VALUES (@id, @createdAt, @action, @actorType, @actorId, @applicationId, @connectionId, @ipAddress, @details)`;

const INSERT_PROXY_REQUEST = `
  INSERT INTO "ProxyRequest" (id, createdAt, applicationId, connectionId, apiKeyId, userId, method, path, status, errorCode, durationMs, requestBytes, responseBytes, retries)
  VALUES (@id, @createdAt, @applicationId, @connectionId, @apiKeyId, @userId, @method, @path, @status, @errorCode, @durationMs, @requestBytes, @responseBytes, @retries)`;

type Raw = Record<string, string | number | null>;

/** DateTime as Prisma's SQLite adapter writes it (ISO 8601, `+00:00`), so both sort together. */
function prismaSqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function toDate(value: string | number | null | undefined): Date | null {
  return value === null || value === undefined ? null : new Date(value);
}

/** Rows written in one event-loop turn share one transaction of `insert`; SQLITE_BUSY waits a moment and tries again. */
function groupCommitted<Row extends object>(connection: Database.Database, insert: Database.Statement) {
  const insertMany = connection.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(row);
  });
  return createBatchWriter(async (rows: Row[]) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        insertMany(rows);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || attempt >= 2_500) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  });
}

/**
 * Its own connection to the file (WAL: its reads never wait). Statements are
 * synchronous, so nothing interleaves with them. The busy timeout is 0 so a
 * write never blocks the event loop while another connection holds the write
 * lock: it is retried a moment later instead.
 */
export function sqliteDirect(file: string): DirectDatabase {
  const connection = new Database(file, { timeout: 0 });
  connection.pragma("synchronous = NORMAL");
  const tokenRead = connection.prepare(TOKEN_READ);
  // Group commit: rows of one event-loop turn share a transaction. Each commit
  // appends pages to the WAL and every ~1,000 pages a checkpoint runs on this
  // thread, so fewer, larger commits keep those pauses rare.
  const auditLog = groupCommitted<AuditInsert & { createdAt: string }>(connection, connection.prepare(INSERT_AUDIT));
  const requestLog = groupCommitted<Omit<ProxyRequestInsert, "createdAt"> & { createdAt: string }>(connection, connection.prepare(INSERT_PROXY_REQUEST));

  return {
    async findTokenRead(apiKeyHash, connectionId) {
      const raw = tokenRead.get(connectionId, apiKeyHash) as Raw | undefined;
      if (!raw) return undefined;
      return {
        apiKeyId: String(raw.apiKeyId),
        apiKeyHash: String(raw.apiKeyHash),
        apiKeyRevoked: raw.apiKeyRevoked === 1,
        apiKeyLastUsedAt: toDate(raw.apiKeyLastUsedAt),
        applicationId: String(raw.applicationId),
        connection:
          raw.connectionId === null
            ? null
            : {
                id: String(raw.connectionId),
                provider: String(raw.provider),
                status: connectionStatus(raw.status),
                accessToken: raw.accessToken === null ? null : String(raw.accessToken),
                tokenType: String(raw.tokenType),
                expiresAt: toDate(raw.expiresAt),
                grantedScopes: String(raw.grantedScopes),
              },
      };
    },
    insertAudit: (row, createdAt) => auditLog.write({ ...row, createdAt: prismaSqliteDate(createdAt) }),
    insertProxyRequest: (row) => requestLog.write({ ...row, createdAt: prismaSqliteDate(row.createdAt) }),
    async close() {
      connection.close();
    },
  };
}
