import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { actorForSession, changeRole, createInvitation, InvalidCredentials, listUsers, setAccountDisabled, signIn, signUp, startSession } from "@/lib/users";
import { makeUser, TEST_PASSWORD } from "../support/factories";
import { errorOf } from "../support/errors";

const password = "twelve chars or more";

function invitationToken(link: string): string {
  return new URL(link).searchParams.get("invitation")!;
}

describe("sign-up", () => {
  test("the first account becomes admin; after it, sign-up needs an invitation", async () => {
    const first = await signUp({ email: "First@Example.test", password });
    expect(first).toMatchObject({ email: "first@example.test", role: "ADMIN" });
    const refused = await errorOf(signUp({ email: "second@example.test", password }));
    expect(refused.code).toBe("validation_failed");
    expect(JSON.stringify(refused.details)).toMatch(/invitation/);
    expect(await (await db()).user.count({ where: { email: "second@example.test" } })).toBe(0);
  });

  test("an invitation works once, for its email, with its role; the account is a developer by default", async () => {
    const admin = await makeUser("ADMIN");
    const { link } = await createInvitation(admin, { email: "invitee@example.test" });
    const invitation = invitationToken(link);
    expect((await errorOf(signUp({ email: "someone-else@example.test", password, invitation }))).details).toMatchObject({
      issues: [{ path: "email" }],
    });
    const invitee = await signUp({ email: "invitee@example.test", password, invitation });
    expect(invitee.role).toBe("DEVELOPER");
    const reused = await errorOf(signUp({ email: "invitee2@example.test", password, invitation }));
    expect(reused.code).toBe("validation_failed");
  });

  test("an admin invitation makes an admin", async () => {
    const admin = await makeUser("ADMIN");
    const { link } = await createInvitation(admin, { role: "ADMIN" });
    expect((await signUp({ email: "new-admin@example.test", password, invitation: invitationToken(link) })).role).toBe("ADMIN");
  });

  test.each([
    [{ email: "", password }, "email", "Email is required."],
    [{ email: "not-an-email", password }, "email", "Enter a valid email address."],
    [{ email: `${"a".repeat(250)}@example.test`, password }, "email", "Email must be at most 254 characters."],
    [{ email: "weak@example.test", password: "short" }, "password", "Password must be at least 12 characters."],
    [{ email: "long@example.test", password: "p".repeat(257) }, "password", "Password must be at most 256 characters."],
  ])("bad input %j is refused beside its field and writes nothing", async (input, field, message) => {
    const before = await (await db()).user.count();
    const error = await errorOf(signUp(input));
    expect(error.details).toEqual({ issues: [{ path: field, message }] });
    expect(await (await db()).user.count()).toBe(before);
  });

  test("only admins create invitations", async () => {
    const developer = await makeUser("DEVELOPER");
    expect((await errorOf(createInvitation(developer, {}))).status).toBe(404);
  });
});

describe("sign-in", () => {
  test("a wrong password and an unknown email get the same error", async () => {
    const user = await makeUser("DEVELOPER");
    const wrong = await errorOf(signIn({ email: user.email, password: "wrong password!" }, "127.0.0.1"));
    const unknown = await errorOf(signIn({ email: "nobody@example.test", password: "wrong password!" }, "127.0.0.1"));
    expect(wrong).toBeInstanceOf(InvalidCredentials);
    expect(unknown).toBeInstanceOf(InvalidCredentials);
    expect(wrong.message).toBe(unknown.message);
    expect((await signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.1")).id).toBe(user.userId);
  });

  test("a disabled account cannot sign in, and its existing sessions stop working", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("DEVELOPER");
    const session = await startSession(await signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.1"));
    expect(await actorForSession(session)).not.toBeNull();
    await setAccountDisabled(admin, user.userId, true);
    expect(await actorForSession(session)).toBeNull();
    expect(await errorOf(signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.1"))).toBeInstanceOf(InvalidCredentials);
    await setAccountDisabled(admin, user.userId, false);
    // Re-enabling does not revive old sessions: they were ended.
    expect(await actorForSession(session)).toBeNull();
    expect((await signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.1")).id).toBe(user.userId);
  });
});

describe("admin tools", () => {
  test("an admin lists accounts and changes a role; the change ends the account's sessions, the next one has the new role", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("DEVELOPER");
    const before = await startSession(await signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.1"));
    expect((await actorForSession(before))?.role).toBe("DEVELOPER");
    expect((await listUsers(admin)).map((row) => row.email)).toEqual(expect.arrayContaining([admin.email, user.email]));
    await changeRole(admin, user.userId, "ADMIN");
    expect(await actorForSession(before)).toBeNull();
    const after = await startSession(await signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.1"));
    expect((await actorForSession(after))?.role).toBe("ADMIN");
  });

  test("the last active admin cannot be demoted or disabled, and nobody disables themselves", async () => {
    const prisma = await db();
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "DEVELOPER" } });
    const admin = await makeUser("ADMIN");
    expect((await errorOf(changeRole(admin, admin.userId, "DEVELOPER"))).code).toBe("last_admin");
    expect((await errorOf(setAccountDisabled(admin, admin.userId, true))).status).toBe(403);
  });

  test("developers cannot use admin tools", async () => {
    const developer = await makeUser("DEVELOPER");
    const other = await makeUser("DEVELOPER");
    expect((await errorOf(listUsers(developer))).status).toBe(404);
    expect((await errorOf(changeRole(developer, other.userId, "ADMIN"))).status).toBe(404);
    expect((await errorOf(setAccountDisabled(developer, other.userId, true))).status).toBe(404);
  });
});
