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
 * `connection.deleted` per connection that was not already revoked. Returns how many rows matched.
 */
export async function revokeConnections(tx: Prisma.TransactionClient, where: Prisma.ConnectionWhereInput, by: DeletedBy): Promise<number> {
  const revoking = await tx.connection.findMany({ where: { AND: [where, { status: { not: ConnectionStatus.REVOKED } }] } });
  const { count } = await tx.connection.updateMany({
    where,
    data: { status: ConnectionStatus.REVOKED, accessToken: null, refreshToken: null, refreshLeaseUntil: null, refreshLeaseOwner: null, nextRetryAt: null },
  });
  for (const connection of revoking) await recordConnectionEvent(tx, "connection.deleted", connection, { by });
  return count;
}
