// The refresh lease: one refresher per connection across every process and
// instance, decided by a compare-and-set on the connection row. A lease
// outlives the provider timeout, so a crashed holder only delays the next try.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";

export const LEASE_MS = 30_000;

export type Lease = { connectionId: string; owner: string };

/** Takes the lease if nobody holds it (or the holder's lease ran out). */
export async function tryTakeLease(connectionId: string, now = new Date()): Promise<Lease | null> {
  const owner = randomBytes(12).toString("base64url");
  const prisma = await db();
  const taken = await prisma.connection.updateMany({
    where: { id: connectionId, OR: [{ refreshLeaseUntil: null }, { refreshLeaseUntil: { lt: now } }] },
    data: { refreshLeaseUntil: new Date(now.getTime() + LEASE_MS), refreshLeaseOwner: owner },
  });
  return taken.count === 1 ? { connectionId, owner } : null;
}

/** The lease-holder's write: applies only while this lease is still ours. */
export function heldBy(lease: Lease) {
  return { id: lease.connectionId, refreshLeaseOwner: lease.owner };
}

export const released = { refreshLeaseUntil: null, refreshLeaseOwner: null };

export async function releaseLease(lease: Lease): Promise<void> {
  const prisma = await db();
  await prisma.connection.updateMany({ where: heldBy(lease), data: released });
}
