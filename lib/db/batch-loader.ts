// Request coalescing for the hot path. At most one query per loader is in
// flight: loads asked for meanwhile wait and go together in the next one.
// When idle, a load runs on the next turn of the event loop (no added
// delay); under load, batches grow with the arrival rate, so N concurrent
// API requests cost a few queries instead of N. There is no cache: every
// caller reads the database as it is after its request arrived.
type Waiter<Value> = { resolve: (value: Value) => void; reject: (error: unknown) => void };

/** Runs `run` over everything queued, one run at a time. */
function createBatcher<Item, Result>(run: (items: Item[]) => Promise<Result>) {
  let queue: { item: Item; waiter: Waiter<Result> }[] = [];
  let running = false;
  let scheduled = false;

  function schedule(): void {
    if (running || scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const batch = queue;
      queue = [];
      running = true;
      run(batch.map((entry) => entry.item))
        .then(
          (result) => batch.forEach((entry) => entry.waiter.resolve(result)),
          (error) => batch.forEach((entry) => entry.waiter.reject(error)),
        )
        .finally(() => {
          running = false;
          schedule();
        });
    });
  }

  return (item: Item): Promise<Result> =>
    new Promise((resolve, reject) => {
      queue.push({ item, waiter: { resolve, reject } });
      schedule();
    });
}

export type BatchLoader<Key, Value> = { load(key: Key): Promise<Value | undefined> };

export function createBatchLoader<Key, Value>(loadMany: (keys: Key[]) => Promise<Map<Key, Value>>): BatchLoader<Key, Value> {
  const batched = createBatcher((keys: Key[]) => loadMany([...new Set(keys)]));
  return { load: async (key) => (await batched(key)).get(key) };
}

/** Gathers writes into one statement; each caller resolves once its row is committed. */
export function createBatchWriter<Row>(writeMany: (rows: Row[]) => Promise<unknown>): { write(row: Row): Promise<void> } {
  const batched = createBatcher(async (rows: Row[]) => {
    await writeMany(rows);
  });
  return { write: (row) => batched(row) };
}
