// End-user sessions: a developer's backend asks for one to send its end user to
// their "Your connected accounts" page. The link lives 15 minutes and is stored
// only as a hash; unlike a connect link it is not single-use, because the page
// posts back to itself (Disconnect, Connect) several times within its life.
import "server-only";
import { parseStoredOrigins } from "../applications";
import { auditRow, type AuditActor } from "../audit";
import { getConfig } from "../config";
import { hashToken, randomToken } from "../crypto";
import { db, type Application, type EndUserSession } from "../db";
import { newId } from "../ids";
import type { CallbackOutcome } from "./callback";
import { checkReturnUrl } from "./sessions";

const END_USER_SESSION_LIFETIME_MS = 15 * 60_000;
const TOKEN_PREFIX = "lkeu_";

/** The accounts page's link, for the callback to send the end user back to it. Scoped to the OAuth routes. */
export const ACCOUNTS_PAGE_COOKIE = "lk_accounts_page";

function accountsPageUrl(token: string): string {
  return `${getConfig().appUrl}/connect/accounts/${token}`;
}

export async function createEndUserSession(
  application: Application,
  { endUserId, returnUrl }: { endUserId: string; returnUrl?: string },
  by: { actor: AuditActor; ipAddress: string | null },
): Promise<{ url: string; expiresAt: string }> {
  checkReturnUrl(returnUrl, parseStoredOrigins(application.allowedOrigins));
  const token = randomToken(TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + END_USER_SESSION_LIFETIME_MS);
  const id = newId("eus");
  const prisma = await db();
  await prisma.$transaction([
    prisma.endUserSession.create({
      data: { id, applicationId: application.id, tokenHash: hashToken(token), endUserId, returnUrl: returnUrl ?? null, expiresAt },
    }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "end_user_session.created",
        actor: by.actor,
        applicationId: application.id,
        ipAddress: by.ipAddress,
        details: { endUserSessionId: id, endUserId },
      }),
    }),
  ]);
  return { url: accountsPageUrl(token), expiresAt: expiresAt.toISOString() };
}

export type OpenEndUserSession = EndUserSession & { application: Application };

/** The session behind a link, or null when the link is unknown or has expired (the page says only that). */
export async function openEndUserSession(token: string): Promise<OpenEndUserSession | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const prisma = await db();
  const session = await prisma.endUserSession.findUnique({ where: { tokenHash: hashToken(token) }, include: { application: true } });
  return session && session.expiresAt > new Date() ? session : null;
}

/** Seconds the link has left, for the cookie that brings the end user back to it after the dance. */
export function secondsLeft(session: EndUserSession): number {
  return Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
}

/**
 * After a dance started from the accounts page, back to that page (saying how it went) while its
 * link still works; null otherwise, for the normal result page. The link comes from this browser's
 * cookie, since only its hash is stored, and must be the one the dance was started from.
 */
export async function accountsPageAfterCallback(providerId: string, outcome: CallbackOutcome, presentedToken: string | undefined): Promise<string | null> {
  if (!outcome.endUserSessionId || !presentedToken) return null;
  const session = await openEndUserSession(presentedToken);
  if (!session || session.id !== outcome.endUserSessionId) return null;
  const url = new URL(accountsPageUrl(presentedToken));
  url.searchParams.set("outcome", outcome.kind);
  url.searchParams.set("provider", providerId);
  if (outcome.kind === "failed") url.searchParams.set("error", outcome.code);
  return url.toString();
}
