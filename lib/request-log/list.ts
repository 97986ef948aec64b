// Reading the request log, newest first, with the keyset pagination every
// newest-first list uses: a cursor on (createdAt, id), so each page is one
// index range scan and no call is skipped or shown twice while new ones arrive.
import "server-only";
import { z } from "zod";
import { db, type ProxyRequest } from "../db";
import { afterCursor, decodeCursor, pageOf } from "../pagination";

const statusClasses = ["2xx", "3xx", "4xx", "5xx"] as const;
type StatusClass = (typeof statusClasses)[number];

/** `2xx`, `3xx`, `4xx` or `5xx`: what the API's `status` and the portal's filter accept. */
export const statusClass = z.enum(statusClasses);

/** Already validated by the caller (the API's query schema, the portal's). */
type RequestLogFilter = { status?: StatusClass; cursor?: string; limit: number };

/**
 * Whose calls: one application's, or one connection's. The caller has already
 * checked that the actor or API key may see them (getApplication, getConnection,
 * getConnectionForActor): this only reads. A connection's calls are found by the
 * connection alone: adding its application to the condition makes PostgreSQL
 * misjudge how many rows match (the two columns go together) and walk the wrong index.
 */
export type RequestLogScope = { applicationId: string; connectionId?: undefined } | { connectionId: string; applicationId?: undefined };

export type ProxyRequestRow = ProxyRequest & { connection: { endUserId: string; provider: string } };

type ProxyRequestPage = { items: ProxyRequestRow[]; nextCursor: string | null };

function statusRange(statusClass: StatusClass | undefined) {
  if (!statusClass) return undefined;
  const floor = Number(statusClass[0]) * 100;
  return { gte: floor, lt: floor + 100 };
}

export async function listProxyRequests(scope: RequestLogScope, { status, cursor, limit }: RequestLogFilter): Promise<ProxyRequestPage> {
  const prisma = await db();
  const rows = await prisma.proxyRequest.findMany({
    where: {
      applicationId: scope.applicationId,
      connectionId: scope.connectionId,
      status: statusRange(status),
      ...afterCursor(cursor ? decodeCursor(cursor) : undefined),
    },
    include: { connection: { select: { endUserId: true, provider: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  return pageOf(rows, limit);
}
