import { z } from "zod";
import { sleep } from "./http";

/** A failure a test queues for the fake's next request(s) to a target. */
export const injectedResponseSchema = z.object({
  status: z.number().int().min(100).max(599),
  /** Sent as JSON; a string is sent as-is as HTML (e.g. a proxy's error page). */
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  times: z.number().int().positive().optional(),
});
export type InjectedResponse = z.infer<typeof injectedResponseSchema>;

/** Per-target queues of one-shot (or n-shot) behaviours injected by tests: failures, delays. */
export class InjectionQueues<Target extends string, T> {
  private readonly queues = new Map<Target, { value: T; remaining: number }[]>();

  add(target: Target, value: T, times = 1): void {
    const queue = this.queues.get(target) ?? [];
    queue.push({ value, remaining: times });
    this.queues.set(target, queue);
  }

  /** Consumes one use of the first queued entry among the targets, most specific target first. */
  take(targets: readonly Target[]): T | undefined {
    for (const target of targets) {
      const queue = this.queues.get(target);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining === 0) queue.shift();
      return head.value;
    }
    return undefined;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** The injected failures and delays of one fake; each provider decides how a failure is answered. */
export class FailureInjection<Target extends string> {
  private readonly failures = new InjectionQueues<Target, InjectedResponse>();
  private readonly delays = new InjectionQueues<Target, number>();

  failNext(target: Target, response: InjectedResponse): void {
    this.failures.add(target, response, response.times ?? 1);
  }

  delayNext(target: Target, ms: number, times = 1): void {
    this.delays.add(target, ms, times);
  }

  clear(): void {
    this.failures.clear();
    this.delays.clear();
  }

  /** Waits out a pending delay, then takes a pending failure (undefined if none); most specific target first. */
  async next(targets: readonly Target[]): Promise<InjectedResponse | undefined> {
    const delay = this.delays.take(targets);
    if (delay !== undefined) await sleep(delay);
    return this.failures.take(targets);
  }
}
