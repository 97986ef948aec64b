import pg from "pg";
import { log } from "../../log";
import { createBatchWriter } from "../batch-loader";
import { connectionStatus, type DirectDatabase } from "./types";

// Timestamps travel as epoch milliseconds: the columns are `timestamp` without
// time zone holding UTC (as Prisma writes them), so no driver time-zone guessing.
const TOKEN_READ = `
  SELECT k.id AS "apiKeyId", k.hash AS "apiKeyHash", k."revokedAt" IS NOT NULL AS "apiKeyRevoked",
         (EXTRACT(EPOCH FROM k."lastUsedAt") * 1000)::float8 AS "apiKeyLastUsedAt", k."applicationId" AS "applicationId",
         c.id AS "connectionId", c.provider, c.status, c."accessToken", c."tokenType",
         (EXTRACT(EPOCH FROM c."expiresAt") * 1000)::float8 AS "expiresAt", c."grantedScopes"
  FROM "ApiKey" k LEFT JOIN "Connection" c ON c.id = $1 AND c."applicationId" = k."applicationId"
  WHERE k.hash = $2`;

/** A TOKEN_READ row as pg types its columns; the connection's are all null when the join found none. */
type Raw = { apiKeyId: string; apiKeyHash: string; apiKeyRevoked: boolean; apiKeyLastUsedAt: number | null; applicationId: string } & (
  | { connectionId: null }
  | { connectionId: string; provider: string; status: string; accessToken: string | null; tokenType: string; expiresAt: number | null; grantedScopes: string }
);

const AUDIT_COLUMNS = 9;

/** One INSERT for many rows: `($1, $2::timestamp, ...), ($10, $11::timestamp, ...)`. */
function insertAuditSql(rowCount: number): string {
  const tuples = Array.from({ length: rowCount }, (_, row) => {
    const at = (column: number) => `$${row * AUDIT_COLUMNS + column}`;
    return `(${at(1)}, ${at(2)}::timestamp, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)}, ${at(7)}, ${at(8)}, ${at(9)})`;
  });
  return `INSERT INTO "AuditEvent" (id, "createdAt", action, "actorType", "actorId", "applicationId", "connectionId", "ipAddress", details) VALUES ${tuples.join(", ")}`;
}

const PROXY_REQUEST_COLUMNS = [
  "id",
  "createdAt",
  "applicationId",
  "connectionId",
  "apiKeyId",
  "userId",
  "method",
  "path",
  "status",
  "errorCode",
  "durationMs",
  "requestBytes",
  "responseBytes",
  "retries",
] as const;

/** One INSERT for many request log rows, `createdAt` cast as in the audit insert. */
function insertProxyRequestsSql(rowCount: number): string {
  const width = PROXY_REQUEST_COLUMNS.length;
  const tuples = Array.from(
    { length: rowCount },
    (_, row) => `(${PROXY_REQUEST_COLUMNS.map((column, index) => `$${row * width + index + 1}${column === "createdAt" ? "::timestamp" : ""}`).join(", ")})`,
  );
  return `INSERT INTO "ProxyRequest" (${PROXY_REQUEST_COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES ${tuples.join(", ")}`;
}

/** A `timestamp` without time zone holding UTC, as Prisma writes it. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "");
}

function toDate(epochMs: number | null): Date | null {
  return epochMs === null ? null : new Date(epochMs);
}

export function postgresDirect(databaseUrl: string): DirectDatabase {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
  // An idle connection dropped by the server is replaced on next use; without a listener it would crash the process.
  pool.on("error", (error) => log.warn("direct database connection lost", { errorMessage: error.message }));
  // Group commit: the rows waiting while an INSERT runs go together in the next one (one WAL flush, not one each).
  const auditLog = createBatchWriter(async (rows: unknown[][]) => {
    await pool.query(insertAuditSql(rows.length), rows.flat());
  });
  const requestLog = createBatchWriter(async (rows: unknown[][]) => {
    await pool.query(insertProxyRequestsSql(rows.length), rows.flat());
  });
  return {
    async findTokenRead(apiKeyHash, connectionId) {
      // Named, so each pooled connection parses and plans it once, not on every call.
      const { rows } = await pool.query<Raw>({ name: "latchkey-token-read", text: TOKEN_READ, values: [connectionId, apiKeyHash] });
      const raw = rows[0];
      if (!raw) return undefined;
      return {
        apiKeyId: raw.apiKeyId,
        apiKeyHash: raw.apiKeyHash,
        apiKeyRevoked: raw.apiKeyRevoked,
        apiKeyLastUsedAt: toDate(raw.apiKeyLastUsedAt),
        applicationId: raw.applicationId,
        connection:
          raw.connectionId === null
            ? null
            : {
                id: raw.connectionId,
                provider: raw.provider,
                status: connectionStatus(raw.status),
                accessToken: raw.accessToken,
                tokenType: raw.tokenType,
                expiresAt: toDate(raw.expiresAt),
                grantedScopes: raw.grantedScopes,
              },
      };
    },
    insertAudit: (row, createdAt) =>
      auditLog.write([
        row.id,
        utcTimestamp(createdAt),
        row.action,
        row.actorType,
        row.actorId,
        row.applicationId,
        row.connectionId,
        row.ipAddress,
        row.details,
      ]),
    insertProxyRequest: (row) => requestLog.write(PROXY_REQUEST_COLUMNS.map((column) => (column === "createdAt" ? utcTimestamp(row.createdAt) : row[column]))),
    close: () => pool.end(),
  };
}
