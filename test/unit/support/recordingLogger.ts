// A Logger that keeps every line, so tests can assert what was (and was not) logged.
import type { Logger } from '../../../src/api/types';

export interface RecordingLogger extends Logger {
  readonly lines: string[];
  text(): string;
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const add = (level: string) => (message: string): void => {
    lines.push(`${level} ${message}`);
  };
  return {
    lines,
    trace: add('trace'),
    debug: add('debug'),
    info: add('info'),
    warn: add('warn'),
    error: add('error'),
    text: () => lines.join('\n')
  };
}
