// Wraps the "Axway Support" LogOutputChannel: scrubs credentials as a last line of defence (known secret values in
// every encoding, and anything shaped like a token, an assertion or a credential field). In Test and Development mode
// the sink is wrapped by a recorder (src/testing), so tests read exactly what was written.

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

export class ScrubbingLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    /** Values that must never be written, e.g. the stored client secret. */
    private readonly secrets: () => readonly string[]
  ) {}

  trace(message: string): void {
    this.sink.trace(this.clean(message));
  }
  debug(message: string): void {
    this.sink.debug(this.clean(message));
  }
  info(message: string): void {
    this.sink.info(this.clean(message));
  }
  warn(message: string): void {
    this.sink.warn(this.clean(message));
  }
  error(message: string): void {
    this.sink.error(this.clean(message));
  }

  show(): void {
    this.sink.show?.(true);
  }

  private clean(message: string): string {
    return sanitizeForLog(message, this.secrets());
  }
}
