// Request coalescing for the hot path. Loads asked for while the event loop
// is busy are gathered and answered by one query on the next turn
// (setImmediate: no added delay when idle). Every caller still reads the
// database as it is now; there is no cache. Under load, N concurrent API
// requests cost one query instead of N.
export type BatchLoader<Key, Value> = { load(key: Key): Promise<Value | undefined> };

export function createBatchLoader<Key, Value>(loadMany: (keys: Key[]) => Promise<Map<Key, Value>>): BatchLoader<Key, Value> {
  let pending: Map<Key, { resolve: (value: Value | undefined) => void; reject: (error: unknown) => void }[]> | null = null;

  async function flush(batch: NonNullable<typeof pending>): Promise<void> {
    try {
      const found = await loadMany([...batch.keys()]);
      for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
    } catch (error) {
      for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }

  return {
    load(key) {
      if (!pending) {
        const batch = new Map();
        pending = batch;
        setImmediate(() => {
          pending = null;
          void flush(batch);
        });
      }
      const batch = pending;
      return new Promise((resolve, reject) => {
        const waiters = batch.get(key) ?? [];
        waiters.push({ resolve, reject });
        batch.set(key, waiters);
      });
    },
  };
}

/** Gathers writes made while the event loop is busy into one statement; each caller resolves once its row is committed. */
export function createBatchWriter<Row>(writeMany: (rows: Row[]) => Promise<unknown>): { write(row: Row): Promise<void> } {
  let pending: { rows: Row[]; done: Promise<void> } | null = null;
  return {
    write(row) {
      if (!pending) {
        const batch: { rows: Row[]; done: Promise<void> } = { rows: [], done: Promise.resolve() };
        batch.done = new Promise<void>((resolve, reject) =>
          setImmediate(() => {
            pending = null;
            writeMany(batch.rows).then(() => resolve(), reject);
          }),
        );
        pending = batch;
      }
      pending.rows.push(row);
      return pending.done;
    },
  };
}
