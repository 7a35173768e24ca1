// Test and Development mode only: what the integration suite reads of a running extension that a person would see or
// that leaves it — the messages shown, the log lines written, the telemetry events sent. Each is injected where the
// production code already has a seam (a constructor callback, the log sink), so production records nothing.

import type { ShownMessage } from '../util/userMessages';
import type { LogSink } from '../util/logger';
import type { SentTelemetry } from '../telemetry/extensionTelemetry';

/** Keeps a bounded tail of what was shown or sent; `mark()`/`since()` read what came after a point. */
class Tail<T> {
  private readonly items: T[] = [];
  /** How many were ever added: `items` keeps only the last `keep`, so an index into it is no mark. */
  private total = 0;

  constructor(private readonly keep: number) {}

  get all(): readonly T[] {
    return this.items;
  }

  add(item: T): void {
    this.items.push(item);
    this.total++;
    if (this.items.length > this.keep) {
      this.items.splice(0, this.items.length - this.keep);
    }
  }

  mark(): number {
    return this.total;
  }

  since(mark: number): readonly T[] {
    const count = this.total - mark;
    return count <= 0 ? [] : this.items.slice(Math.max(0, this.items.length - count));
  }
}

/** The messages shown (UserMessages' onShown), oldest first; the last 100. */
export class MessageLog {
  private readonly tail = new Tail<ShownMessage>(100);

  readonly record = (message: ShownMessage): void => this.tail.add(message);

  get shown(): readonly ShownMessage[] {
    return this.tail.all;
  }

  /** A mark for since(): how many messages were shown so far. */
  mark(): number {
    return this.tail.mark();
  }

  /** The messages shown after mark() returned `mark` (of those still kept). */
  since(mark: number): readonly ShownMessage[] {
    return this.tail.since(mark);
  }
}

/** The log channel as the logger writes to it (already scrubbed), every level: the last 5,000 lines. */
export class RecordingSink implements LogSink {
  private readonly tail = new Tail<string>(5000);

  constructor(private readonly inner: LogSink) {}

  get lines(): readonly string[] {
    return this.tail.all;
  }

  trace(message: string): void {
    this.tail.add(`trace ${message}`);
    this.inner.trace(message);
  }

  debug(message: string): void {
    this.tail.add(`debug ${message}`);
    this.inner.debug(message);
  }

  info(message: string): void {
    this.tail.add(`info ${message}`);
    this.inner.info(message);
  }

  warn(message: string): void {
    this.tail.add(`warn ${message}`);
    this.inner.warn(message);
  }

  error(message: string): void {
    this.tail.add(`error ${message}`);
    this.inner.error(message);
  }

  show(preserveFocus?: boolean): void {
    this.inner.show?.(preserveFocus);
  }
}

/** The telemetry events after sanitising (ExtensionTelemetry's onSent), reporter or not: the last 1,000. */
export class TelemetryLog {
  private readonly tail = new Tail<SentTelemetry>(1000);

  readonly record = (event: SentTelemetry): void => this.tail.add(event);

  get recent(): readonly SentTelemetry[] {
    return this.tail.all;
  }
}
