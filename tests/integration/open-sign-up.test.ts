// SIGNUP_MODE=open: anyone may sign up as a developer, and an invitation still counts there.
// The sign-up page shows its role and locks its email, so the server honours both and uses
// it up, as in invite mode.
import { describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { createInvitation, listPendingInvitations, signUp } from "@/lib/users";
import { makeUser } from "../support/factories";
import { errorOf } from "../support/errors";

vi.hoisted(() => {
  process.env.SIGNUP_MODE = "open";
});

const password = "twelve chars or more";
const admin = await makeUser("ADMIN");
const token = (link: string) => new URL(link).searchParams.get("invitation")!;

describe("open sign-up", () => {
  test("without an invitation, anyone becomes a developer", async () => {
    expect((await signUp({ email: "walk-in@example.test", password })).role).toBe("DEVELOPER");
  });

  test("an invitation gives its role, only to its email, and is used up", async () => {
    const { link } = await createInvitation(admin, { email: "lead@example.test", role: "ADMIN" });
    const refused = await errorOf(signUp({ email: "someone-else@example.test", password, invitation: token(link) }));
    expect(refused.details).toEqual({ issues: [{ path: "email", message: "This invitation is for a different email address." }] });
    expect(await (await db()).user.count({ where: { email: "someone-else@example.test" } })).toBe(0);

    expect((await signUp({ email: "lead@example.test", password, invitation: token(link) })).role).toBe("ADMIN");
    expect((await listPendingInvitations(admin)).map((pending) => pending.email)).not.toContain("lead@example.test");
    const signedUp = await (
      await db()
    ).auditEvent.findFirstOrThrow({
      where: { action: "user.signed_up", actorId: (await (await db()).user.findUniqueOrThrow({ where: { email: "lead@example.test" } })).id },
    });
    expect(JSON.parse(signedUp.details)).toEqual({ role: "ADMIN", invited: true });

    // Used up: the same link gives no role again, though open sign-up still lets the person in.
    expect((await signUp({ email: "late@example.test", password, invitation: token(link) })).role).toBe("DEVELOPER");
  });
});
