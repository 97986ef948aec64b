// Slows down password guessing per email address. Unknown addresses are
// throttled exactly like known ones, so the throttle reveals nothing.
// State lives in the database, so it holds across processes and instances.
import { hashToken } from "../crypto/tokens";
import type { Database } from "../db/client";

const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;

function throttleKey(email: string): string {
  return `signin:${hashToken(email)}`;
}

/** Milliseconds until this email may try again; 0 when it may try now. */
export async function signInWait(prisma: Database, email: string, now = new Date()): Promise<number> {
  const row = await prisma.signInThrottle.findUnique({ where: { key: throttleKey(email) } });
  return row?.lockedUntil ? Math.max(0, row.lockedUntil.getTime() - now.getTime()) : 0;
}

export async function recordFailedSignIn(prisma: Database, email: string, now = new Date()): Promise<void> {
  const key = throttleKey(email);
  const row = await prisma.signInThrottle.findUnique({ where: { key } });
  const windowOpen = row && now.getTime() - row.windowStart.getTime() < WINDOW_MS;
  const failures = windowOpen ? row.failures + 1 : 1;
  const windowStart = windowOpen ? row.windowStart : now;
  // Doubling lock from the fifth failure on: 30 s, 1 min, 2 min, ... up to 15 min.
  const lockedUntil =
    failures >= FREE_FAILURES
      ? new Date(now.getTime() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FREE_FAILURES)))
      : null;
  await prisma.signInThrottle.upsert({
    where: { key },
    create: { key, failures, windowStart, lockedUntil },
    update: { failures, windowStart, lockedUntil },
  });
}

export async function clearSignInFailures(prisma: Database, email: string): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: throttleKey(email) } });
}
