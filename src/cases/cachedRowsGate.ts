// Cached rows first: with rows from the on-disk cache on screen, the network bundle (require() blocks the extension
// host for tens of ms) loads only once the view has fetched them, or after a short wait when the view is not visible.

/** How long a load waits for the view to fetch cached rows before loading the network bundle anyway. */
const CACHED_ROWS_WAIT_MS = 250;

export class CachedRowsGate {
  /** Resolves the waiting load when the view fetched the cached rows. */
  private release: (() => void) | undefined;
  private fetched = false;

  /** The view fetched the rows of the current state; `cached` when they came from the cache. */
  rowsShown(cached: boolean): void {
    if (cached) {
      this.fetched = true;
    }
    this.release?.();
    this.release = undefined;
  }

  /** Waits, when cached rows are on screen (`cachedOnScreen`), until the view has fetched and rendered them. */
  async wait(cachedOnScreen: boolean): Promise<void> {
    if (!cachedOnScreen) {
      return;
    }
    if (this.fetched) {
      // Already fetched: let the view render them before the event loop is blocked.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CACHED_ROWS_WAIT_MS);
      this.release = () => {
        clearTimeout(timer);
        // The view's render of the answer happens after this turn of the event loop.
        setImmediate(resolve);
      };
    });
  }

  /** New rows (another account or view): nothing was fetched of them yet. */
  reset(): void {
    this.fetched = false;
    this.release = undefined;
  }
}
