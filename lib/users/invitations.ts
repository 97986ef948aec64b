// Invitations: an admin makes a single-use link (only its hash is stored), sees the
// ones still waiting, and can withdraw one; the sign-up page reads what a link says.
import "server-only";
import { assertAdmin, type Actor } from "../actor";
import { auditRow, userActor } from "../audit";
import { getConfig } from "../config";
import { hashToken, randomToken } from "../crypto";
import { db, type Invitation } from "../db";
import { NotFound } from "../errors";
import { newId } from "../ids";
import { parseInput } from "../validation";
import { createInvitationInput } from "./schemas";

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

/** Usable: not used, not revoked, not expired. */
export function isOpen(invitation: Invitation, now = new Date()): boolean {
  return !invitation.usedAt && !invitation.revokedAt && invitation.expiresAt > now;
}

/** Creates a single-use invitation; the returned link is shown once. */
export async function createInvitation(actor: Actor, input: unknown): Promise<{ link: string; expiresAt: Date }> {
  assertAdmin(actor);
  const { email, role } = parseInput(createInvitationInput, input);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITATION_LIFETIME_MS);
  const id = newId("inv");
  const prisma = await db();
  await prisma.$transaction([
    prisma.invitation.create({ data: { id, tokenHash: hashToken(token), email: email || null, role, createdById: actor.userId, expiresAt } }),
    prisma.auditEvent.create({
      data: auditRow({ action: "invitation.created", actor: userActor(actor), details: { invitationId: id, role, email: email || null } }),
    }),
  ]);
  return { link: `${getConfig().appUrl}/sign-up?invitation=${encodeURIComponent(token)}`, expiresAt };
}

export type PendingInvitation = Pick<Invitation, "id" | "email" | "role" | "expiresAt" | "createdAt"> & { invitedBy: string };

/** Invitations nobody has used, revoked or let expire yet, oldest first. */
export async function listPendingInvitations(actor: Actor): Promise<PendingInvitation[]> {
  assertAdmin(actor);
  const prisma = await db();
  const invitations = await prisma.invitation.findMany({
    where: { usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    include: { createdBy: { select: { email: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return invitations.map(({ id, email, role, expiresAt, createdAt, createdBy }) => ({ id, email, role, expiresAt, createdAt, invitedBy: createdBy.email }));
}

/** Withdraws a pending invitation: its link stops working. One already used, revoked or expired is "not found". */
export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  assertAdmin(actor);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    // Compare-and-set, like sign-up's claim: a sign-up and a revoke cannot both win.
    const revoked = await tx.invitation.updateMany({
      where: { id: invitationId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw new NotFound("The pending invitation");
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    await tx.auditEvent.create({
      data: auditRow({ action: "invitation.revoked", actor: userActor(actor), details: { invitationId, role: invitation.role, email: invitation.email } }),
    });
  });
}

export type InvitationPreview = { email: string | null; role: Invitation["role"]; invitedBy: string; expiresAt: Date };

/** What an invitation link offers, for the sign-up page; null when the link is unknown, used, revoked or expired. */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  if (!token || token.length > 200) return null;
  const prisma = await db();
  const invitation = await prisma.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { createdBy: { select: { email: true } } } });
  if (!invitation || !isOpen(invitation)) return null;
  return { email: invitation.email, role: invitation.role, invitedBy: invitation.createdBy.email, expiresAt: invitation.expiresAt };
}
