// Slows down password guessing. Every attempt first reserves its place in
// three counters, each one atomic statement in the database (rate-limiter-
// flexible's Prisma store: an upsert that increments), and only an attempt
// that got a place under every limit has its password checked. Counting before
// checking is what makes parallel attempts count: a check-then-record throttle
// lets every attempt in flight through. The counters live in the database, so
// they hold across processes and instances, on SQLite and PostgreSQL alike.
//
// Why three, and why these:
// - account × address: 5 attempts per 15 minutes. The strict one, and it
//   stops only the guessing address: the owner signing in from elsewhere is
//   untouched, so a burst cannot lock the owner out. Signing in clears it.
// - address, across accounts: 20 failed attempts per 15 minutes. Catches one
//   address trying a common password on many accounts. A successful sign-in
//   gives its place back, so people behind one shared address who type their
//   password right are not slowed by each other. (Someone with an account of
//   their own could earn places back by signing in between guesses; the two
//   per-account limits still bound what each guessed account suffers.)
// - account, from any address: against guessing from many addresses, where
//   a hard limit would let anyone lock the owner out. The first 10 attempts in
//   15 minutes pass freely; after that one attempt per pause, the pause
//   doubling from 2 s up to 30 s. The owner is delayed by seconds, never locked.
// An attempt refused by one limit gives back the places it took under the
// limits before it; the limit that refused it keeps the count (so guessing on
// past a limit only keeps it shut until its window ends). Emails that belong to
// no account are limited exactly like those that do, so the limits reveal nothing.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { hashToken } from "../crypto";
import { db, type Database } from "../db";
import { RateLimited } from "../errors";

const WINDOW_SECONDS = 15 * 60;
const PAIR_ATTEMPTS = 5;
const ADDRESS_FAILURES = 20;
const ACCOUNT_FREE_ATTEMPTS = 10;
const FIRST_PAUSE_SECONDS = 2;
const LONGEST_PAUSE_SECONDS = 30;

/** Where an attempt comes from when the request did not pass through our server (no address known). */
const UNKNOWN_ADDRESS = "unknown";

type Limiters = { pair: RateLimiterPrisma; address: RateLimiterPrisma; account: RateLimiterPrisma; pause: RateLimiterPrisma };

let limiters: Promise<Limiters> | undefined;

function store(prisma: Database, keyPrefix: string, points: number, clearExpired = false): RateLimiterPrisma {
  // Only one of the four sweeps the shared table for rows that expired an hour ago.
  return new RateLimiterPrisma({
    storeClient: prisma,
    tableName: "signInLimit",
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
    clearExpiredByTimeout: clearExpired,
  });
}

function signInLimiters(): Promise<Limiters> {
  limiters ??= db().then((prisma) => ({
    pair: store(prisma, "pair", PAIR_ATTEMPTS, true),
    address: store(prisma, "address", ADDRESS_FAILURES),
    account: store(prisma, "account", ACCOUNT_FREE_ATTEMPTS),
    // One attempt per pause; each pause's length is set by the attempt that opens it.
    pause: store(prisma, "pause", 1),
  }));
  return limiters;
}

export type SignInAttempt = {
  /** Call after the password proved right: the attempt stops counting against the account. */
  succeeded(): Promise<void>;
};

/**
 * Reserves a place for one sign-in attempt, before its password is checked.
 * Throws RateLimited ("Too many attempts; try again in N seconds.") when a limit is reached.
 */
export async function reserveSignInAttempt(email: string, address: string | null): Promise<SignInAttempt> {
  const { pair, address: perAddress, account, pause } = await signInLimiters();
  const accountKey = hashToken(email);
  const addressKey = hashToken(address ?? UNKNOWN_ADDRESS);
  const pairKey = hashToken(`${email}\n${address ?? UNKNOWN_ADDRESS}`);
  const reserved: (() => Promise<unknown>)[] = [];
  try {
    await pair.consume(pairKey);
    reserved.push(() => pair.reward(pairKey));
    await perAddress.consume(addressKey);
    reserved.push(() => perAddress.reward(addressKey));
    await reserveOnAccount(account, pause, accountKey);
    reserved.push(() => account.reward(accountKey));
  } catch (refusal) {
    await Promise.all(reserved.map((giveBack) => giveBack()));
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw new RateLimited(`Too many attempts; try again in ${seconds} seconds.`, seconds);
  }
  return {
    async succeeded() {
      await Promise.all([pair.delete(pairKey), perAddress.reward(addressKey), account.reward(accountKey)]);
    },
  };
}

/** The account's counter; past its free attempts, the attempt must also be the first of its pause. */
async function reserveOnAccount(account: RateLimiterPrisma, pause: RateLimiterPrisma, accountKey: string): Promise<void> {
  try {
    await account.consume(accountKey);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const beyondFree = refusal.consumedPoints - ACCOUNT_FREE_ATTEMPTS;
    const pauseSeconds = Math.min(LONGEST_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2 ** (beyondFree - 1));
    try {
      await pause.consume(accountKey, 1, { customDuration: pauseSeconds });
    } catch (closed) {
      await account.reward(accountKey);
      throw closed;
    }
  }
}
