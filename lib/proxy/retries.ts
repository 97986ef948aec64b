// When the proxy asks again on the caller's behalf: only a GET or HEAD (no
// body, safe to repeat) answered 429 or 503, at most twice, after the wait
// the provider asked for when it is within PROXY_MAX_RETRY_WAIT_SECONDS. A
// longer wait is the caller's to decide, so that answer is handed back.
import { z } from "zod";
import { ValidationFailed } from "../errors";

const MAX_RETRIES = 2;
/** The header by which a caller lowers the retries (`Latchkey-Retries: 0` turns them off). */
export const RETRIES_HEADER = "latchkey-retries";
/** The wait before a retry when the provider gives no Retry-After: 1 s, then 2 s. */
const DEFAULT_WAIT_SECONDS = 1;

const retriesHeader = z.enum(["0", "1", "2"]);

/** The retries the caller allows: its Latchkey-Retries header, or MAX_RETRIES. */
export function allowedRetries(headers: Headers): number {
  const value = headers.get(RETRIES_HEADER);
  if (value === null) return MAX_RETRIES;
  const parsed = retriesHeader.safeParse(value.trim());
  if (!parsed.success) throw new ValidationFailed([{ path: "Latchkey-Retries", message: `Latchkey-Retries must be 0, 1 or ${MAX_RETRIES}.` }]);
  return Number(parsed.data);
}

/** Whether an answer of this status to this method may be asked again. */
export function retryable(method: string, status: number): boolean {
  return (method === "GET" || method === "HEAD") && (status === 429 || status === 503);
}

/**
 * Milliseconds to wait before retry number `retry` (0-based), from the answer's Retry-After
 * (seconds or an HTTP date), or null when the wait is longer than `maxWaitSeconds`.
 */
export function retryWaitMs(retryAfter: string | undefined, retry: number, maxWaitSeconds: number, now = Date.now()): number | null {
  const seconds = retryAfter === undefined ? DEFAULT_WAIT_SECONDS * 2 ** retry : retryAfterSeconds(retryAfter, now);
  return seconds !== null && seconds <= maxWaitSeconds ? seconds * 1000 : null;
}

function retryAfterSeconds(value: string, now: number): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
