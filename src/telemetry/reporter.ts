// The real reporter, bundled as dist/telemetry.js and loaded only when a connection string is configured.
// @vscode/extension-telemetry honours the user's telemetry level (telemetry.telemetryLevel) by itself.

import { TelemetryReporter } from '@vscode/extension-telemetry';
import { Telemetry, TelemetryMeasurements, TelemetryProperties } from './telemetry';

export interface DisposableTelemetry extends Telemetry {
  dispose(): Promise<void> | void;
}

export function createReporter(connectionString: string): DisposableTelemetry {
  const reporter = new TelemetryReporter(connectionString);
  return {
    sendEvent: (name: string, properties?: TelemetryProperties, measurements?: TelemetryMeasurements) =>
      reporter.sendTelemetryEvent(name, properties, measurements),
    sendError: (name: string, properties?: TelemetryProperties, measurements?: TelemetryMeasurements) =>
      reporter.sendTelemetryErrorEvent(name, properties, measurements),
    dispose: () => reporter.dispose()
  };
}
