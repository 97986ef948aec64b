// The per API key token bucket, on a clock the test moves: a minute's
// allowance up front, refilled continuously, and memory only for keys in use.
import { describe, expect, test } from "vitest";
import { TokenBuckets } from "@/lib/api-keys/rate-limit";

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("token buckets per API key", () => {
  test("a burst up to the limit passes; the next request waits, told how long in whole seconds", () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(5, clock.now);
    expect(Array.from({ length: 5 }, () => buckets.take("key_a"))).toEqual([0, 0, 0, 0, 0]);
    // 5 a minute: one token every 12 seconds.
    expect(buckets.take("key_a")).toBe(12);
    clock.advance(3_000);
    expect(buckets.take("key_a")).toBe(9);
  });

  test("tokens come back continuously: one after a fifth of the minute, not the whole allowance", () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(5, clock.now);
    for (let i = 0; i < 5; i += 1) buckets.take("key_a");
    clock.advance(12_000);
    expect(buckets.take("key_a")).toBe(0);
    expect(buckets.take("key_a")).toBeGreaterThan(0);
  });

  test("an idle key refills to the limit and no further", () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(5, clock.now);
    for (let i = 0; i < 5; i += 1) buckets.take("key_a");
    clock.advance(10 * 60_000);
    expect(Array.from({ length: 6 }, () => buckets.take("key_a") === 0)).toEqual([true, true, true, true, true, false]);
  });

  test("Retry-After is at least one second even when the next token is a few milliseconds away", () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(600_000, clock.now);
    for (let i = 0; i < 600_000; i += 1) buckets.take("key_a");
    expect(buckets.take("key_a")).toBe(1);
  });

  test("keys do not share a bucket", () => {
    const buckets = new TokenBuckets(2, manualClock().now);
    buckets.take("key_a");
    buckets.take("key_a");
    expect(buckets.take("key_a")).toBeGreaterThan(0);
    expect(buckets.take("key_b")).toBe(0);
  });

  test("a clock set back drains nothing", () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(5, clock.now);
    buckets.take("key_a");
    clock.advance(-3_600_000);
    expect(Array.from({ length: 4 }, () => buckets.take("key_a"))).toEqual([0, 0, 0, 0]);
  });

  test("memory holds only keys used within the last minute: idle full buckets are forgotten", () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(100, clock.now);
    for (let i = 0; i < 10_000; i += 1) buckets.take(`key_${i}`);
    expect(buckets.size).toBe(10_000);
    clock.advance(61_000);
    buckets.take("key_recent");
    expect(buckets.size).toBe(1);
  });
});
