// The delivery worker: finds due deliveries, claims each with a lease (a
// compare-and-set on the row, so with several instances each attempt is made
// by exactly one of them), makes the attempt and records its outcome in the
// same compare-and-set. Failures are retried with exponential backoff and
// jitter: 8 attempts within about 23 hours, then the delivery is failed. An
// endpoint whose every attempt has failed for 3 days is disabled.
import "server-only";
import { randomBytes } from "node:crypto";
import { getConfig } from "../config";
import { db } from "../db";
import { describeError, log } from "../log";
import { post, type AttemptResult } from "./send";
import { signedHeaders } from "./secrets";
import { checkEndpointUrl, UrlRefused } from "./url-check";

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 15_000;
const BACKOFF_FACTOR = 4;
/** Each wait is shortened by up to this fraction, so receivers that failed together are not all retried at once. */
const JITTER = 0.2;
const DISABLE_AFTER_MS = 3 * 86_400_000;
const BATCH_SIZE = 50;
const PARALLEL_ATTEMPTS = 4;
const INTERVAL_MS = 2_000;
/** Delivered and failed events are kept this long for the portal's history, then deleted. */
export const HISTORY_DAYS = 30;
const PRUNE_EVERY_MS = 3_600_000;

/** The wait after failed attempt `attempt` (1-based): 15 s, 1 min, 4 min, 16 min, ~1 h, ~4.3 h, ~17 h. */
export function retryDelayMs(attempt: number, random = Math.random()): number {
  return FIRST_RETRY_MS * BACKOFF_FACTOR ** (attempt - 1) * (1 - JITTER * random);
}

export type DeliveryRun = { attempted: number; succeeded: number; failed: number };

/** One pass over every delivery due now. */
export async function deliverDueWebhooks(): Promise<DeliveryRun> {
  const now = new Date();
  const prisma = await db();
  const due = await prisma.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }], endpoint: { disabledAt: null } },
    select: { id: true },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH_SIZE,
  });
  const run: DeliveryRun = { attempted: 0, succeeded: 0, failed: 0 };
  const queue = due.map((row) => row.id);
  async function worker(): Promise<void> {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        const result = await claimAndAttempt(id);
        if (!result) continue;
        run.attempted += 1;
        if (result.ok) run.succeeded += 1;
        else run.failed += 1;
      } catch (error) {
        log.error("webhook attempt could not be made", { deliveryId: id, ...describeError(error) });
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_ATTEMPTS }, worker));
  return run;
}

/** Claims the delivery (null if another worker holds it or it is no longer due), attempts it, records the outcome. */
async function claimAndAttempt(deliveryId: string): Promise<AttemptResult | null> {
  const { webhookTimeoutMs, webhookAllowPrivateNetworks } = getConfig();
  const prisma = await db();
  const now = new Date();
  const owner = randomBytes(12).toString("base64url");
  // Longer than the attempt can take, so a lease only expires when its worker died.
  const leaseUntil = new Date(now.getTime() + webhookTimeoutMs + 60_000);
  const claimed = await prisma.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "pending", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil, leaseOwner: owner },
  });
  if (claimed.count !== 1) return null;
  const delivery = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { event: true, endpoint: true } });
  const { event, endpoint } = delivery;
  if (endpoint.disabledAt) {
    await prisma.webhookDelivery.updateMany({ where: { id: deliveryId, leaseOwner: owner }, data: { leaseUntil: null, leaseOwner: null } });
    return null;
  }

  let result: AttemptResult;
  try {
    const target = await checkEndpointUrl(endpoint.url, webhookAllowPrivateNetworks);
    const sentAt = new Date();
    result = await post(target, signedHeaders(endpoint, event.id, event.payload, sentAt), event.payload, webhookTimeoutMs);
  } catch (error) {
    // Counted as a failed attempt either way, so a delivery that cannot be made still ends.
    if (!(error instanceof UrlRefused)) log.error("webhook attempt could not be made", { deliveryId, ...describeError(error) });
    result = { ok: false, status: null, body: null, error: error instanceof UrlRefused ? error.message : "the vault could not make the attempt (see its log)" };
  }
  await recordOutcome(deliveryId, owner, delivery.attempts + 1, endpoint.id, result);
  return result;
}

async function recordOutcome(deliveryId: string, owner: string, attempts: number, endpointId: string, result: AttemptResult): Promise<void> {
  const now = new Date();
  const done = result.ok || attempts >= MAX_ATTEMPTS;
  const outcome = {
    status: result.ok ? "succeeded" : done ? "failed" : "pending",
    attempts,
    nextAttemptAt: done ? null : new Date(now.getTime() + retryDelayMs(attempts)),
    lastStatus: result.status,
    lastBody: result.body,
    lastError: result.error,
    lastAttemptAt: now,
    completedAt: done ? now : null,
    leaseUntil: null,
    leaseOwner: null,
  };
  const prisma = await db();
  // Only while this worker's lease stands: a Resend meanwhile cleared it, and its fresh series is not overwritten.
  const leased = { id: deliveryId, leaseOwner: owner };
  const disabled = await prisma
    .$transaction(async (tx) => {
      const recorded = await tx.webhookDelivery.updateMany({ where: leased, data: outcome });
      if (recorded.count !== 1) return false;
      if (result.ok) {
        await tx.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: { not: null } }, data: { failingSince: null } });
        return false;
      }
      await tx.webhookEndpoint.updateMany({ where: { id: endpointId, failingSince: null }, data: { failingSince: now } });
      const giveUp = await tx.webhookEndpoint.updateMany({
        where: { id: endpointId, disabledAt: null, failingSince: { lte: new Date(now.getTime() - DISABLE_AFTER_MS) } },
        data: { disabledAt: now, disabledReason: "failing" },
      });
      return giveUp.count === 1;
    })
    .catch(async (error: unknown) => {
      // Left leased and uncounted, the delivery would be sent again every lease, forever: count the attempt without what failed to store.
      log.error("webhook attempt's outcome could not be recorded", { deliveryId, ...describeError(error) });
      await prisma.webhookDelivery.updateMany({ where: leased, data: { ...outcome, lastBody: null } });
      return false;
    });
  if (!result.ok) log.warn("webhook attempt failed", { deliveryId, endpointId, attempts, status: result.status, error: result.error, done });
  if (disabled) log.warn("webhook endpoint disabled after 3 days of failures", { endpointId });
}

/** Deletes events older than HISTORY_DAYS whose deliveries are all over (their deliveries go with them). Returns how many. */
export async function pruneWebhookHistory(now = new Date()): Promise<number> {
  const prisma = await db();
  const { count } = await prisma.webhookEvent.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - HISTORY_DAYS * 86_400_000) }, deliveries: { none: { status: "pending" } } },
  });
  return count;
}

/** Delivers every 2 s, and prunes the history every hour, until stopped. Passes never overlap. */
export function startWebhookWorker(): { stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let prunedAt = 0;
  const tick = async () => {
    try {
      await deliverDueWebhooks();
      if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        const pruned = await pruneWebhookHistory();
        if (pruned > 0) log.info("webhook history pruned", { events: pruned });
      }
    } catch (error) {
      log.error("webhook delivery pass failed", describeError(error));
    }
    if (!stopped) timer = setTimeout(() => void tick(), INTERVAL_MS);
  };
  timer = setTimeout(() => void tick(), INTERVAL_MS);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
