// The last gate before telemetry leaves the machine (vscode-free, unit-tested): only allow-listed property names
// with short identifier values (error kinds, outcomes, HTTP statuses, API codes) and finite numbers pass.

import { TelemetryMeasurements, TelemetryProperties } from './telemetry';

const SAFE_VALUE = /^[A-Za-z0-9_.-]{1,40}$/;
const ALLOWED_PROPERTIES = new Set(['result', 'errorKind', 'status', 'code', 'operation', 'source']);

export function sanitizeProperties(properties: TelemetryProperties | undefined): TelemetryProperties {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (ALLOWED_PROPERTIES.has(key) && SAFE_VALUE.test(value)) {
      out[key] = value;
    }
  }
  return out;
}

export function sanitizeMeasurements(measurements: TelemetryMeasurements | undefined): TelemetryMeasurements {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(measurements ?? {})) {
    if (Number.isFinite(value)) {
      out[key] = Math.round(value);
    }
  }
  return out;
}

