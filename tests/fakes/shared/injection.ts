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
