// The telemetry interface that objects receive through their constructors.
// Property values must never carry personal data: only error kinds, outcomes and counts.

export type TelemetryProperties = Readonly<Record<string, string>>;
export type TelemetryMeasurements = Readonly<Record<string, number>>;

export interface Telemetry {
  sendEvent(eventName: string, properties?: TelemetryProperties, measurements?: TelemetryMeasurements): void;
  sendError(eventName: string, properties?: TelemetryProperties, measurements?: TelemetryMeasurements): void;
}

export const noopTelemetry: Telemetry = {
  sendEvent: () => undefined,
  sendError: () => undefined
};
