// Pruning: calls older than REQUEST_LOG_RETENTION_DAYS are deleted by the
// background worker, a few hundred rows per statement. Each DELETE holds
// SQLite's one write lock only briefly, and the pruner yields to the event loop
// between statements, so a token read's or a proxied call's insert waiting for
// that lock gets it after one small batch, not after the whole backlog.
import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { getConfig } from "../config";
import { db } from "../db";
import { describeError, log } from "../log";

const BATCH_SIZE = 500;
const INTERVAL_MS = 60 * 60 * 1000;

type PruneResult = { deleted: number; batches: number };

/** Deletes every call logged before the retention window; `batchSize` rows per DELETE. */
export async function pruneRequestLog(now = new Date(), batchSize = BATCH_SIZE): Promise<PruneResult> {
  const before = new Date(now.getTime() - getConfig().requestLogRetentionDays * 86_400_000);
  const prisma = await db();
  let deleted = 0;
  let batches = 0;
  for (;;) {
    // The createdAt index finds the oldest rows; deleting by primary key keeps each statement small.
    const rows = await prisma.proxyRequest.findMany({ where: { createdAt: { lt: before } }, select: { id: true }, take: batchSize });
    if (rows.length === 0) return { deleted, batches };
    const { count } = await prisma.proxyRequest.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
    deleted += count;
    batches += 1;
    await nextTurn();
  }
}

/** Prunes once a minute after start, then every hour, until stopped. Runs never overlap. */
export function startRequestLogPruner(): { stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Started with `void`, fire and forget: a run catches and logs its own failure, so it never rejects.
  const tick = async () => {
    try {
      const result = await pruneRequestLog();
      if (result.deleted > 0) log.info("request log pruned", result);
    } catch (error) {
      log.error("request log pruning failed", describeError(error));
    }
    if (!stopped) timer = setTimeout(() => void tick(), INTERVAL_MS);
  };
  timer = setTimeout(() => void tick(), 60_000);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
