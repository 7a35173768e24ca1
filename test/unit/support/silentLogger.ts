// A logger that drops everything, for the unit tests whose subject is not what gets logged (those that assert on
// the log use recordingLogger; telemetry has src/telemetry/telemetry.ts's noopTelemetry).
import type { Logger } from '../../../src/api/types';

export const silentLogger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
