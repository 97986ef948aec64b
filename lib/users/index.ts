// Portal accounts: sign-up (first account is the admin; later ones need an
// invitation unless SIGNUP_MODE=open), sign-in under attempt limits, and the
// admin's tools (roles, disabling, invitations).
import "server-only";
import { assertAdmin, type Actor, type Role } from "../actor";
import { auditRow, userActor } from "../audit";
import { getConfig } from "../config";
import { hashToken } from "../crypto";
import { db, type User } from "../db";
import { Conflict, Forbidden, NotFound, Unprocessable, ValidationFailed } from "../errors";
import { newId } from "../ids";
import { parseInput } from "../validation";
import { isOpen } from "./invitations";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords";
import { role as roleSchema, signInInput, signUpInput } from "./schemas";
import { reserveSignInAttempt } from "./sign-in-limits";

export { signUpInput, signInInput, createInvitationInput } from "./schemas";
export { actorForSession, endSession, startSession, type SessionClaims } from "./sessions";
export { createInvitation, listPendingInvitations, previewInvitation, revokeInvitation, type InvitationPreview, type PendingInvitation } from "./invitations";

export class InvalidCredentials extends Unprocessable {
  constructor() {
    // Same words whether the email exists or not.
    super("That email and password do not match an active account.", "invalid_credentials");
  }
}

export async function signUp(input: unknown): Promise<User> {
  const { email, name, password, invitation } = parseInput(signUpInput, input);
  const passwordHash = await hashPassword(password);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const isFirstAccount = (await tx.user.count()) === 0;
    let role: Role = isFirstAccount ? "ADMIN" : "DEVELOPER";
    let invitationId: string | undefined;
    // A valid invitation sets the role and any email lock in every mode, and is used up; in open
    // mode one that no longer works is no obstacle (anyone may sign up as a developer there).
    const found = invitation && !isFirstAccount ? await tx.invitation.findUnique({ where: { tokenHash: hashToken(invitation) } }) : null;
    const invite = found && isOpen(found) ? found : null;
    if (!invite && !isFirstAccount && getConfig().signupMode === "invite") {
      throw new ValidationFailed(
        [{ path: "invitation", message: "Sign-up needs a valid invitation link from an admin. This one is missing, used, revoked or expired." }],
        "Sign-up needs an invitation.",
      );
    }
    if (invite) {
      if (invite.email && invite.email !== email) {
        throw new ValidationFailed([{ path: "email", message: "This invitation is for a different email address." }]);
      }
      role = invite.role;
      invitationId = invite.id;
    }
    if (await tx.user.findUnique({ where: { email } })) {
      throw new ValidationFailed([{ path: "email", message: "An account with this email already exists. Sign in instead." }]);
    }
    if (invitationId) {
      // Compare-and-set: a second use of the same invitation updates nothing.
      const claimed = await tx.invitation.updateMany({ where: { id: invitationId, usedAt: null, revokedAt: null }, data: { usedAt: new Date() } });
      if (claimed.count !== 1) throw new ValidationFailed([{ path: "invitation", message: "This invitation has already been used or was revoked." }]);
    }
    const user = await tx.user.create({ data: { id: newId("usr"), email, name: name || null, passwordHash, role } });
    await tx.auditEvent.create({
      data: auditRow({ action: "user.signed_up", actor: { type: "USER", id: user.id }, details: { role, invited: Boolean(invitationId) } }),
    });
    return user;
  });
}

/**
 * Checks a sign-in attempt from `address` (the client's, or null when unknown).
 * Throws InvalidCredentials or RateLimited; never says whether the email exists.
 */
export async function signIn(input: unknown, address: string | null): Promise<User> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const attempt = await reserveSignInAttempt(email, address);
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email } });
  const passwordMatches = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !passwordMatches || user.disabledAt) throw new InvalidCredentials();
  await attempt.succeeded();
  return user;
}

export async function isSignUpOpen(): Promise<{ firstAccount: boolean; mode: "invite" | "open" }> {
  const prisma = await db();
  return { firstAccount: (await prisma.user.count()) === 0, mode: getConfig().signupMode };
}

export async function listUsers(actor: Actor) {
  assertAdmin(actor);
  const prisma = await db();
  return prisma.user.findMany({
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

async function otherActiveAdmins(actor: Actor, userId: string): Promise<number> {
  const prisma = await db();
  return prisma.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
}

/** Changes an account's role. Like disabling, it ends the account's sessions: the next sign-in carries the new role. */
export async function changeRole(actor: Actor, userId: string, newRole: unknown): Promise<void> {
  assertAdmin(actor);
  const role = parseInput(roleSchema, newRole);
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFound("The account");
  if (user.role === role) return;
  if (user.role === "ADMIN" && (await otherActiveAdmins(actor, userId)) === 0) {
    throw new Conflict("This is the last active admin: make another account an admin first.", "last_admin");
  }
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 } } }),
    prisma.auditEvent.create({ data: auditRow({ action: "user.role_changed", actor: userActor(actor), details: { userId, from: user.role, to: role } }) }),
  ]);
}

/** Disables (or re-enables) an account. Disabling ends its sessions at once. */
export async function setAccountDisabled(actor: Actor, userId: string, disabled: boolean): Promise<void> {
  assertAdmin(actor);
  if (disabled && userId === actor.userId) throw new Forbidden("You cannot disable your own account.");
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFound("The account");
  if (disabled && user.role === "ADMIN" && (await otherActiveAdmins(actor, userId)) === 0) {
    throw new Conflict("This is the last active admin.", "last_admin");
  }
  await prisma.$transaction([
    prisma.user.update({
      where: { id: userId },
      data: disabled ? { disabledAt: new Date(), sessionVersion: { increment: 1 } } : { disabledAt: null },
    }),
    prisma.auditEvent.create({
      data: auditRow({ action: disabled ? "user.disabled" : "user.enabled", actor: userActor(actor), details: { userId } }),
    }),
  ]);
}
