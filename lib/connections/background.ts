// The background refresher: keeps tokens fresh before anyone asks, and keeps
// idle refresh tokens alive (Bitbucket is retiring ones unused for 3 months).
// Each connection is refreshed under its lease, so it is safe to run in every
// instance at once, and one failing connection never stalls the others.
import "server-only";
import { getConfig } from "../config";
import { db } from "../db";
import { describeError, log } from "../log";
import { refreshConnection } from "./refresh";

/** Refresh this long before the on-read margin would, so reads rarely wait. */
const LEAD_SECONDS = 10 * 60;
/** Refresh any connection not refreshed for this long. */
export const IDLE_REFRESH_DAYS = 7;
const BATCH_SIZE = 100;
const PARALLEL_REFRESHES = 4;
const INTERVAL_MS = 30_000;

export type SweepResult = { due: number; refreshed: number; failed: number };

/** One pass: finds due connections and refreshes them, a few at a time. */
export async function refreshDueConnections(now = new Date()): Promise<SweepResult> {
  const { refreshMarginSeconds } = getConfig();
  const expiringBefore = new Date(now.getTime() + (refreshMarginSeconds + LEAD_SECONDS) * 1000);
  const idleSince = new Date(now.getTime() - IDLE_REFRESH_DAYS * 86_400_000);
  const prisma = await db();
  const due = await prisma.connection.findMany({
    where: {
      status: "ACTIVE",
      refreshToken: { not: null },
      OR: [{ nextRetryAt: null }, { nextRetryAt: { lte: now } }],
      AND: [{ OR: [{ expiresAt: { lt: expiringBefore } }, { lastRefreshedAt: { lt: idleSince } }, { lastRefreshedAt: null }] }],
    },
    select: { id: true },
    orderBy: { expiresAt: "asc" },
    take: BATCH_SIZE,
  });
  const isDue = (connection: { expiresAt: Date | null; lastRefreshedAt: Date | null }) =>
    (connection.expiresAt !== null && connection.expiresAt < expiringBefore) || !connection.lastRefreshedAt || connection.lastRefreshedAt < idleSince;
  let refreshed = 0;
  let failed = 0;
  const queue = due.map((row) => row.id);
  async function worker(): Promise<void> {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        const after = await refreshConnection(id, (connection) => !isDue(connection), "background");
        if (!isDue(after)) refreshed += 1;
      } catch (error) {
        failed += 1;
        log.warn("background refresh failed", { connectionId: id, ...describeError(error), stack: undefined });
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_REFRESHES }, worker));
  return { due: due.length, refreshed, failed };
}

/** Runs a sweep every 30 s until stopped. Sweeps never overlap. */
export function startBackgroundRefresher(): { stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Started with `void`, fire and forget: a sweep catches and logs its own failure, so it never rejects.
  const tick = async () => {
    try {
      const result = await refreshDueConnections();
      if (result.due > 0) log.info("background refresh sweep", result);
    } catch (error) {
      log.error("background refresh sweep failed", describeError(error));
    }
    if (!stopped) timer = setTimeout(() => void tick(), INTERVAL_MS);
  };
  timer = setTimeout(() => void tick(), 1_000);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
