// Test helpers for connections that already exist.
import { db } from "@/lib/db";

/** Makes the stored access token expire in `seconds` (negative: already expired). */
export async function expireIn(connectionId: string, seconds: number): Promise<void> {
  await (await db()).connection.update({ where: { id: connectionId }, data: { expiresAt: new Date(Date.now() + seconds * 1000) } });
}

export async function stored(connectionId: string) {
  return (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } });
}
