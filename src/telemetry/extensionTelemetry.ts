// The Telemetry the extension injects everywhere. It drops anything that could be personal data, forwards what is
// left to the real reporter (loaded lazily, and only when the build has a connection string) and lets tests observe it.

import * as path from 'path';
import type * as vscode from 'vscode';
import type * as ReporterModule from './reporter';
import { Telemetry, TelemetryMeasurements, TelemetryProperties } from './telemetry';
import { sanitizeMeasurements, sanitizeProperties } from './filter';

export interface SentTelemetry {
  readonly kind: 'event' | 'error';
  readonly name: string;
  readonly properties: TelemetryProperties;
  readonly measurements: TelemetryMeasurements;
}

export class ExtensionTelemetry implements Telemetry, vscode.Disposable {
  private reporter: ReporterModule.DisposableTelemetry | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly bundleDir: string,
    /** Hears every event after sanitising, whether or not a reporter is configured (src/testing records them). */
    private readonly onSent?: (event: SentTelemetry) => void
  ) {}

  sendEvent(name: string, properties?: TelemetryProperties, measurements?: TelemetryMeasurements): void {
    this.send('event', name, properties, measurements);
  }

  sendError(name: string, properties?: TelemetryProperties, measurements?: TelemetryMeasurements): void {
    this.send('error', name, properties, measurements);
  }

  dispose(): void {
    void this.reporter?.dispose();
  }

  private send(kind: 'event' | 'error', name: string, properties?: TelemetryProperties, measurements?: TelemetryMeasurements): void {
    const event: SentTelemetry = { kind, name, properties: sanitizeProperties(properties), measurements: sanitizeMeasurements(measurements) };
    this.onSent?.(event);
    const reporter = this.getReporter();
    if (kind === 'event') {
      reporter?.sendEvent(name, event.properties, event.measurements);
    } else {
      reporter?.sendError(name, event.properties, event.measurements);
    }
  }

  private getReporter(): ReporterModule.DisposableTelemetry | undefined {
    if (!this.connectionString) {
      return undefined;
    }
    if (!this.reporter) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(this.bundleDir, 'telemetry.js')) as typeof ReporterModule;
      this.reporter = module.createReporter(this.connectionString);
    }
    return this.reporter;
  }
}
