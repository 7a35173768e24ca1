// Values (a client secret, an access token) that must be scrubbed from log lines and messages only while a request
// that carries them is running. Holding them longer would keep old and failed secrets in memory for nothing.

export class InFlightValues {
  private readonly counts = new Map<string, number>();

  /** Holds the value until the returned release is called (once per hold; extra calls do nothing). */
  hold(value: string): () => void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const left = (this.counts.get(value) ?? 1) - 1;
      if (left <= 0) {
        this.counts.delete(value);
      } else {
        this.counts.set(value, left);
      }
    };
  }

  values(): string[] {
    return [...this.counts.keys()];
  }

  get size(): number {
    return this.counts.size;
  }
}
