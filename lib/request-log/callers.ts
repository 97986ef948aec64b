// Who made each call, as the portal names them: the API key's name, or the
// email of the portal user who tried the request from the portal.
import "server-only";
import { db } from "../db";

export type Caller = { kind: "api_key"; name: string | null } | { kind: "user"; email: string | null } | null;

/** One query per kind for the whole page; a key or user deleted since reads as a null name. */
export async function callersOf(rows: { apiKeyId: string | null; userId: string | null }[]): Promise<Caller[]> {
  const apiKeyIds = [...new Set(rows.flatMap((row) => (row.apiKeyId ? [row.apiKeyId] : [])))];
  const userIds = [...new Set(rows.flatMap((row) => (row.userId ? [row.userId] : [])))];
  const prisma = await db();
  const [keys, users] = await Promise.all([
    apiKeyIds.length ? prisma.apiKey.findMany({ where: { id: { in: apiKeyIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
  ]);
  const keyNames = new Map(keys.map((key) => [key.id, key.name]));
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return rows.map((row) => {
    if (row.apiKeyId) return { kind: "api_key", name: keyNames.get(row.apiKeyId) ?? null };
    if (row.userId) return { kind: "user", email: emails.get(row.userId) ?? null };
    return null;
  });
}
