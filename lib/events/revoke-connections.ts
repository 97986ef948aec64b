// What revoking connections writes, in one place for both callers: a disconnect
// (lib/connections) and deleting the provider settings the connections used
// (lib/provider-configs). It lives with the events because each revoked
// connection's `connection.deleted` must be written in the same transaction,
// and below the provider settings store, which cannot import the connection store.
import "server-only";
import { ConnectionStatus, type Prisma } from "../db";
import { recordConnectionEvent, type DeletedBy } from "./record";

/**
 * Marks the matching connections Revoked and deletes their tokens, so nothing is left
 * to read or refresh (the lease and retry schedule go too), and writes one
 * `connection.deleted` per connection this call revoked. Returns how many it revoked:
 * one another transaction revoked meanwhile is not counted.
 */
export async function revokeConnections(tx: Prisma.TransactionClient, where: Prisma.ConnectionWhereInput, by: DeletedBy): Promise<number> {
  const notRevoked = { status: { not: ConnectionStatus.REVOKED } };
  const candidates = await tx.connection.findMany({ where: { AND: [where, notRevoked] } });
  let revoked = 0;
  for (const connection of candidates) {
    // Row by row, with the status in the condition: of two concurrent revocations (PostgreSQL
    // re-checks it once the first commits), only one changes the row and writes the event.
    const { count } = await tx.connection.updateMany({
      where: { id: connection.id, ...notRevoked },
      data: { status: ConnectionStatus.REVOKED, accessToken: null, refreshToken: null, refreshLeaseUntil: null, refreshLeaseOwner: null, nextRetryAt: null },
    });
    if (count === 0) continue;
    revoked += 1;
    await recordConnectionEvent(tx, "connection.deleted", connection, { by });
  }
  return revoked;
}
