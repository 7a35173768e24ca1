// Wraps the "Axway Support" LogOutputChannel: scrubs credentials as a last line of defence (known secret values in
// every encoding, and anything shaped like a token, an assertion or a credential field) and keeps the recent lines in
// memory so tests (and a future "copy diagnostics") can read what was logged.

import { sanitizeForLog } from './redact';

/** The minimal logger the vscode-free core writes to; a LogOutputChannel satisfies it. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LogSink extends Logger {
  show?(preserveFocus?: boolean): void;
}

const MAX_LINES = 5000;

export class ScrubbingLogger implements Logger {
  private readonly recent: string[] = [];

  constructor(
    private readonly sink: LogSink,
    /** Values that must never be written, e.g. the stored client secret. */
    private readonly secrets: () => readonly string[]
  ) {}

  get lines(): readonly string[] {
    return this.recent;
  }

  trace(message: string): void {
    this.sink.trace(this.record('trace', message));
  }
  debug(message: string): void {
    this.sink.debug(this.record('debug', message));
  }
  info(message: string): void {
    this.sink.info(this.record('info', message));
  }
  warn(message: string): void {
    this.sink.warn(this.record('warn', message));
  }
  error(message: string): void {
    this.sink.error(this.record('error', message));
  }

  show(): void {
    this.sink.show?.(true);
  }

  private record(level: string, message: string): string {
    const clean = sanitizeForLog(message, this.secrets());
    this.recent.push(`${level} ${clean}`);
    if (this.recent.length > MAX_LINES) {
      this.recent.splice(0, this.recent.length - MAX_LINES);
    }
    return clean;
  }
}
