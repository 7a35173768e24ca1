// When the list's requests run: one after another through one chain, so loads never overlap and answers never
// arrive out of order; refresh calls made while one is queued share it.

export class LoadQueue {
  private chain: Promise<void> = Promise.resolve();
  /** A refresh that is queued but has not started: later refresh calls join it instead of queueing more. */
  private pendingRefresh: Promise<void> | undefined;
  /** Loads (refresh, reload, view change) queued or running. */
  private loads = 0;

  /** True while a load is queued or running: cached rows shown meanwhile are busy, not final. */
  get loading(): boolean {
    return this.loads > 0;
  }

  /** Runs `task` after everything queued before it. The chain itself never rejects. */
  enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.chain.then(task, task);
    // Failures become state, not unhandled rejections.
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** enqueue() for a load (counted by `loading`). */
  enqueueLoad(task: () => Promise<void>): Promise<void> {
    this.loads++;
    return this.enqueue(async () => {
      try {
        await task();
      } finally {
        this.loads--;
      }
    });
  }

  /**
   * A refresh: joins the one queued and not started yet; otherwise calls `beforeQueueing` and queues one. A call made
   * while a refresh runs queues exactly one more.
   */
  refresh(task: () => Promise<void>, beforeQueueing: () => void): Promise<void> {
    if (this.pendingRefresh) {
      return this.pendingRefresh;
    }
    beforeQueueing();
    const run = this.enqueueLoad(() => {
      this.pendingRefresh = undefined;
      return task();
    });
    this.pendingRefresh = run;
    return run;
  }

  /** A restart (sign-in, sign-out, another view): a later refresh call queues a new one. */
  forgetPendingRefresh(): void {
    this.pendingRefresh = undefined;
  }
}
