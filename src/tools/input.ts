// Checks a tool's input against its own JSON schema (the subset the catalogue uses), so the schema the model sees is
// the one rule: a model may send anything, and a wrong input answers with what was wrong instead of a crash.

import type { JsonSchema } from './types';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** Unknown properties are ignored (models add some); missing required ones, wrong types and ranges are problems. */
export function checkInput<T>(raw: unknown, schema: JsonSchema): Checked<T> {
  const problems: string[] = [];
  check(raw ?? {}, schema, 'input', problems);
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  return { ok: true, value: strip(raw ?? {}, schema) as T };
}

function check(value: unknown, schema: JsonSchema, where: string, problems: string[]): void {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${where} must be an object.`);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (record[key] === undefined || record[key] === null) {
          problems.push(`${where}.${key} is required.`);
        }
      }
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (record[key] !== undefined && record[key] !== null) {
          check(record[key], property, `${where}.${key}`, problems);
        }
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        problems.push(`${where} must be an array.`);
        return;
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        problems.push(`${where} has ${value.length} items; at most ${schema.maxItems} are allowed.`);
      }
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        problems.push(`${where} needs at least ${schema.minItems} items.`);
      }
      value.forEach((item, i) => schema.items && check(item, schema.items, `${where}[${i}]`, problems));
      return;
    }
    case 'string':
      if (typeof value !== 'string') {
        problems.push(`${where} must be a string.`);
        return;
      }
      if (schema.minLength !== undefined && value.trim().length < schema.minLength) {
        problems.push(`${where} must not be empty.`);
      }
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) {
        problems.push(`${where} has ${[...value].length} characters; at most ${schema.maxLength} are allowed.`);
      }
      break;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value) || (schema.type === 'integer' && !Number.isInteger(value))) {
        problems.push(`${where} must be ${schema.type === 'integer' ? 'a whole number' : 'a number'}.`);
        return;
      }
      if (schema.minimum !== undefined && value < schema.minimum) {
        problems.push(`${where} must be at least ${schema.minimum}.`);
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        problems.push(`${where} must be at most ${schema.maximum}.`);
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') {
        problems.push(`${where} must be true or false.`);
      }
      return;
    default:
      return;
  }
  if (schema.enum && !schema.enum.includes(value)) {
    problems.push(`${where} must be one of: ${schema.enum.join(', ')}.`);
  }
}

/** The input with only the declared properties (nulls dropped), so handlers see nothing they did not declare. */
function strip(value: unknown, schema: JsonSchema): unknown {
  if (schema.type === 'object' && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (record[key] !== undefined && record[key] !== null) {
        out[key] = strip(record[key], property);
      }
    }
    return out;
  }
  if (schema.type === 'array' && Array.isArray(value)) {
    const items: readonly unknown[] = value;
    return items.map((item) => (schema.items ? strip(item, schema.items) : item));
  }
  return value;
}
