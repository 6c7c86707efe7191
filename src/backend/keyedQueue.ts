// Tasks that must not overlap, one queue per key (a file path, a project folder).

/** Runs tasks one after another per key, in the order they came; a failed task does not stop the next. */
export class KeyedQueue {
  private readonly queues = new Map<string, Promise<unknown>>();

  run<R>(key: string, task: () => Promise<R>): Promise<R> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => {});
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
