// Password guessing is slowed by limits counted in the database before the
// password is checked. "Checked" is counted at argon2 itself: every sign-in
// attempt that reaches a password check calls its verify (a miss verifies
// against a decoy hash), and the wrapper below only counts, it still verifies.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { RateLimited } from "@/lib/errors";
import { InvalidCredentials, signIn } from "@/lib/users";
import { errorOf } from "../support/errors";
import { makeUser, TEST_PASSWORD } from "../support/factories";

const passwordChecks = vi.hoisted(() => ({ count: 0 }));

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const argon2 = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...argon2,
    verify: (...args: Parameters<typeof argon2.verify>) => {
      passwordChecks.count += 1;
      return argon2.verify(...args);
    },
  };
});

const THROTTLED = /^Too many attempts; try again in (\d+) seconds\.$/;
const wrong = "not the password at all";

function attempt(email: string, password: string, address: string) {
  return errorOf(signIn({ email, password }, address));
}

function secondsToWait(error: Error): number {
  return Number(THROTTLED.exec(error.message)![1]);
}

beforeEach(() => {
  passwordChecks.count = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("sign-in limits", () => {
  test("30 parallel wrong passwords for one account from one address: at most 5 are checked, the rest are told to wait", async () => {
    const user = await makeUser();
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => attempt(user.email, wrong, "127.0.0.11")));
    expect(passwordChecks.count).toBeLessThanOrEqual(5);
    expect(outcomes.filter((error) => error instanceof InvalidCredentials)).toHaveLength(passwordChecks.count);
    expect(outcomes.filter((error) => error instanceof RateLimited)).toHaveLength(30 - passwordChecks.count);
    // The right password from that address waits too.
    expect(await attempt(user.email, TEST_PASSWORD, "127.0.0.11")).toBeInstanceOf(RateLimited);
  });

  test("a throttled attempt says so in its own words, for known and unknown emails alike", async () => {
    const user = await makeUser();
    for (const email of [user.email, "ghost@example.test"]) {
      for (let tries = 0; tries < 5; tries += 1) expect(await attempt(email, wrong, "127.0.0.12")).toBeInstanceOf(InvalidCredentials);
      const throttled = await attempt(email, wrong, "127.0.0.12");
      expect(throttled).toBeInstanceOf(RateLimited);
      expect(throttled.message).toMatch(THROTTLED);
      expect(secondsToWait(throttled)).toBeGreaterThan(0);
      expect(throttled.message).not.toBe(new InvalidCredentials().message);
    }
  });

  test("after an attacker's burst from one address, the owner signs in at once from another", async () => {
    const user = await makeUser();
    await Promise.all(Array.from({ length: 30 }, () => attempt(user.email, wrong, "127.0.0.13")));
    expect((await signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.14")).id).toBe(user.userId);
  });

  test("spraying 30 accounts from one address is slowed: past 20 failures the address waits", async () => {
    const users = await Promise.all(Array.from({ length: 15 }, () => makeUser()));
    const emails = [...users.map((user) => user.email), ...Array.from({ length: 15 }, (_, index) => `sprayed-${index}@example.test`)];
    const outcomes = await Promise.all(emails.map((email) => attempt(email, wrong, "127.0.0.15")));
    expect(passwordChecks.count).toBeLessThanOrEqual(20);
    expect(outcomes.filter((error) => error instanceof RateLimited).length).toBeGreaterThanOrEqual(10);
    expect(outcomes.find((error) => error instanceof RateLimited)?.message).toMatch(THROTTLED);
    // Another address is not held up by it.
    expect((await signIn({ email: users[0]!.email, password: TEST_PASSWORD }, "127.0.0.16")).id).toBe(users[0]!.userId);
  });

  test("guessing one account from many addresses: past 10 attempts, one per short pause; the owner waits seconds, then signs in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const user = await makeUser();
    for (const address of ["127.0.0.21", "127.0.0.22"]) {
      for (let tries = 0; tries < 5; tries += 1) expect(await attempt(user.email, wrong, address)).toBeInstanceOf(InvalidCredentials);
    }
    // The 11th attempt opens a pause; the next one, from anywhere, waits for it to end.
    expect(await attempt(user.email, wrong, "127.0.0.23")).toBeInstanceOf(InvalidCredentials);
    expect(await attempt(user.email, wrong, "127.0.0.24")).toBeInstanceOf(RateLimited);
    expect(passwordChecks.count).toBe(11);

    const ownerWaits = await attempt(user.email, TEST_PASSWORD, "127.0.0.25");
    expect(ownerWaits).toBeInstanceOf(RateLimited);
    expect(secondsToWait(ownerWaits)).toBeLessThanOrEqual(30);
    vi.setSystemTime(Date.now() + secondsToWait(ownerWaits) * 1000 + 1);
    expect((await signIn({ email: user.email, password: TEST_PASSWORD }, "127.0.0.25")).id).toBe(user.userId);
  });
});
