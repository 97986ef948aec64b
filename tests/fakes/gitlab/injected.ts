import type { ServerResponse } from "node:http";
import { sendInjected, sendWithHeaders } from "../shared/http";
import { rateLimitHeaders, THROTTLED_BODY, throttledHeaders } from "./rate-limit";
import type { FakeGitLabState } from "./state";
import type { InjectionTarget } from "./types";

const INJECTED_RETRY_AFTER_SECONDS = 60;

/**
 * Applies a pending injected delay, then a pending injected failure; true when the failure was sent.
 * A 429 injected without a body answers like GitLab's throttle: `Retry later` with Retry-After and
 * RateLimit-* headers (the test's own headers win).
 */
export async function answerInjected(
  state: FakeGitLabState,
  res: ServerResponse,
  targets: readonly InjectionTarget[],
  fallbackBody: unknown,
): Promise<boolean> {
  const failure = await state.injection.next(targets);
  if (!failure) return false;
  if (failure.status === 429 && failure.body === undefined) {
    const resetAt = Math.floor(Date.now() / 1000) + INJECTED_RETRY_AFTER_SECONDS;
    const limit = state.settings.rateLimitPerMinute ?? 2000;
    sendWithHeaders(
      res,
      429,
      {
        ...rateLimitHeaders({ limit, observed: limit + 1, resetAt }),
        ...throttledHeaders(INJECTED_RETRY_AFTER_SECONDS, resetAt),
        "Content-Type": "text/plain",
        ...failure.headers,
      },
      THROTTLED_BODY,
    );
  } else {
    sendInjected(res, failure, fallbackBody);
  }
  return true;
}
