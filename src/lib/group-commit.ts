/**
 * Group commit: writes that arrive while a flush is running wait and go together in the next
 * flush, so N workers finishing at once cost one transaction instead of N queued one behind the
 * other (PostgreSQL's own WAL group commit, or a DataLoader that batches by "in flight" rather
 * than by tick). A lone write is flushed after the current microtasks (writes made in the same
 * tick join it), or after `delayMs` when given: PostgreSQL's commit_delay, a few milliseconds of
 * latency traded for fewer transactions when writes arrive a little apart. With `complete`, the
 * wait ends as soon as it says every write the caller expects is waiting (the 20 grants of one
 * approval have all answered), so `delayMs` is only the bound for a batch whose last item is late.
 *
 * When a batch of several fails, each of its items is flushed again alone, so one bad item
 * fails only its own caller. DataLoader was the library candidate; it batches per tick only and
 * would still queue a second transaction behind a running one, which is what this avoids.
 */
export type GroupCommit<In, Out> = (item: In) => Promise<Out>;

interface Waiting<In, Out> {
  readonly item: In;
  readonly resolve: (value: Out) => void;
  readonly reject: (error: unknown) => void;
}

/** `flush` gets the batch in arrival order and returns one result per item, in that order. */
export function groupCommit<In, Out>(
  flush: (items: readonly In[]) => Promise<readonly Out[]>,
  options: { delayMs?: number; complete?: (waiting: number) => boolean } = {},
): GroupCommit<In, Out> {
  let waiting: Waiting<In, Out>[] = [];
  let draining = false;
  /** The pending delayed start of a drain, while it has not started. */
  let timer: NodeJS.Timeout | undefined;

  const settle = async (batch: readonly Waiting<In, Out>[]): Promise<void> => {
    try {
      const results = await flush(batch.map((w) => w.item));
      if (results.length !== batch.length) {
        throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      }
      batch.forEach((w, i) => w.resolve(results[i] as Out));
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      for (const w of batch) await settle([w]);
    }
  };

  const drain = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      await settle(batch);
    }
    draining = false;
  };

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (draining) {
        if (timer !== undefined && options.complete?.(waiting.length)) void drain();
        return;
      }
      draining = true;
      if (options.delayMs && !options.complete?.(waiting.length)) {
        timer = setTimeout(() => void drain(), options.delayMs);
      } else queueMicrotask(() => void drain());
    });
}
