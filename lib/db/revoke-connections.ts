// What revoking a connection writes, in one place for both callers: a disconnect
// (lib/connections) and deleting the provider settings the connections used
// (lib/provider-configs). It sits here, on the ground floor, because the
// connection store already imports the provider settings store (a refresh needs
// the client credentials), so the settings store cannot import it back.
import { ConnectionStatus, type Prisma } from "./generated/sqlite/client.ts";

/**
 * Marks the matching connections Revoked and deletes their tokens, so nothing is left
 * to read or refresh (the lease and retry schedule go too). Returns how many rows matched.
 */
export async function revokeConnections(tx: Prisma.TransactionClient, where: Prisma.ConnectionWhereInput): Promise<number> {
  const { count } = await tx.connection.updateMany({
    where,
    data: { status: ConnectionStatus.REVOKED, accessToken: null, refreshToken: null, refreshLeaseUntil: null, refreshLeaseOwner: null, nextRetryAt: null },
  });
  return count;
}
