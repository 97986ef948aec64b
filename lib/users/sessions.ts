// Portal sessions live in the database. The signed cookie only names a session;
// this row decides whether it is still alive, so signing out, an admin's
// change to the account and the absolute lifetime all take effect at once, in
// every process, whatever cookie a browser still holds.
import type { Actor } from "../actor";
import { getConfig } from "../config";
import { db } from "../db";
import { newId } from "../ids";

/** What a session cookie carries: which session, whose, and the account's session version at sign-in. */
export type SessionClaims = { sessionId: string; userId: string; sessionVersion: number };

/** Starts a session for an account that just proved its password. Its end is fixed now. */
export async function startSession(user: { id: string; sessionVersion: number }, now = new Date()): Promise<SessionClaims & { expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + getConfig().sessionMaxAgeHours * 3_600_000);
  const prisma = await db();
  const session = await prisma.portalSession.create({ data: { id: newId("ses"), userId: user.id, createdAt: now, expiresAt } });
  // Sessions that reached their end are dead anyway; dropping the account's old ones here keeps the table small.
  await prisma.portalSession.deleteMany({ where: { userId: user.id, expiresAt: { lt: now } } });
  return { sessionId: session.id, userId: user.id, sessionVersion: user.sessionVersion, expiresAt };
}

/** Signing out: the session's cookie is refused from now on, wherever it was copied to. */
export async function endSession(sessionId: string, now = new Date()): Promise<void> {
  const prisma = await db();
  await prisma.portalSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/**
 * The live account behind a session, or null when the session was ended or
 * reached its end, or the account is gone, disabled or changed since (its
 * session version moved on). One query: the account by its key, with the
 * session row checked by its key inside the same statement.
 */
export async function actorForSession(claims: Partial<SessionClaims>, now = new Date()): Promise<Actor | null> {
  const { sessionId, userId, sessionVersion } = claims;
  if (typeof sessionId !== "string" || typeof userId !== "string" || typeof sessionVersion !== "number") return null;
  const prisma = await db();
  const user = await prisma.user.findFirst({
    where: {
      id: userId,
      disabledAt: null,
      sessionVersion,
      portalSessions: { some: { id: sessionId, revokedAt: null, expiresAt: { gt: now } } },
    },
    select: { id: true, email: true, role: true },
  });
  return user ? { userId: user.id, email: user.email, role: user.role } : null;
}
