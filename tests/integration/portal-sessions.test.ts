// Portal sessions end on the server: after sign-out, a role change or the
// absolute lifetime, a copied cookie opens nothing, and /api/auth/session
// answers with no session instead of renewing the cookie. Driven through
// next-auth's own handler with our options.
import { afterEach, describe, expect, test, vi } from "vitest";
import { decode } from "next-auth/jwt";
import type { Role } from "@/lib/actor";
import { getConfig } from "@/lib/config";
import { actorForSession, changeRole, type SessionClaims } from "@/lib/users";
import { makeUser, TEST_PASSWORD } from "../support/factories";
import { AuthBrowser } from "../support/next-auth";

const HOUR = 3_600_000;

async function claimsOf(cookie: string | undefined): Promise<Partial<SessionClaims>> {
  return (await decode({ token: cookie, secret: getConfig().authSecret })) as Partial<SessionClaims>;
}

/** A browser signed in as a new account, and a second one holding a copy of its session cookie. */
async function signedInWithCopiedCookie(role: Role = "DEVELOPER") {
  const user = await makeUser(role);
  const browser = new AuthBrowser("127.0.0.1");
  const signedIn = await browser.signIn(user.email, TEST_PASSWORD);
  expect(signedIn.status).toBe(200);
  expect(browser.sessionCookie).toBeDefined();
  const copy = new AuthBrowser("127.0.0.2");
  copy.cookies.set("next-auth.session-token", browser.sessionCookie!);
  return { user, browser, copy, cookie: browser.sessionCookie! };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("portal sessions", () => {
  test("a session cookie works until sign-out; after it, a copy is refused and /api/auth/session does not renew it", async () => {
    const { user, browser, copy, cookie } = await signedInWithCopiedCookie();
    expect(await actorForSession(await claimsOf(cookie))).toMatchObject({ userId: user.userId });
    expect((await copy.session()).body).toMatchObject({ userId: user.userId });
    // The browser's own view never shows the server-side session's id.
    expect(JSON.stringify((await browser.session()).body)).not.toContain((await claimsOf(cookie)).sessionId);

    await browser.signOut();
    expect(browser.sessionCookie).toBeUndefined();

    expect(await actorForSession(await claimsOf(cookie))).toBeNull();
    const answer = await copy.session();
    expect(answer.body).toEqual({});
    // No renewed cookie: only the one that deletes it.
    expect(answer.setCookies.filter((header) => /^next-auth\.session-token=[^;]/.test(header))).toEqual([]);
    expect(copy.sessionCookie).toBeUndefined();
  });

  test("a session ends at its absolute end (SESSION_MAX_AGE_HOURS, 12 by default), however recently its cookie was renewed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const { user, browser } = await signedInWithCopiedCookie();

    vi.setSystemTime(start + 11 * HOUR);
    expect((await browser.session()).body).toMatchObject({ userId: user.userId });
    const renewed = browser.sessionCookie;
    // Renewal gave the cookie itself a later expiry...
    expect(((await claimsOf(renewed)) as { exp: number }).exp * 1000).toBeGreaterThan(start + 22 * HOUR);

    vi.setSystemTime(start + 12 * HOUR + 60_000);
    // ...but the session behind it ended 12 hours after sign-in.
    expect(await actorForSession(await claimsOf(renewed))).toBeNull();
    expect((await browser.session()).body).toEqual({});
  });

  test("changing an account's role ends its sessions", async () => {
    const admin = await makeUser("ADMIN");
    const { user, copy, cookie } = await signedInWithCopiedCookie("DEVELOPER");
    await changeRole(admin, user.userId, "ADMIN");
    expect(await actorForSession(await claimsOf(cookie))).toBeNull();
    expect((await copy.session()).body).toEqual({});
  });
});
