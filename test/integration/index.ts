// The suite entry that VS Code's extension host calls (the @vscode/test-electron contract): the same run()
// serves code-server (`npm run test:integration`) and desktop VS Code (`npm run test:electron`).
// Output goes through console.log, which both hosts forward to their runner; two marker lines carry
// the counts and VS Code's activation times in a form the runners parse.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'axway-support-cases.axway-support-cases';
export const RESULT_MARKER = 'AXWAY_INTEGRATION_RESULT';
export const ACTIVATION_MARKER = 'AXWAY_ACTIVATION_TIMES';

/** Activation figures from VS Code's own performance marks in the extension host, in milliseconds. */
export interface ActivationTimes {
  readonly extensionId: string;
  /** require() of the main bundle. */
  readonly codeLoadingMs: number;
  /** activate() called until its result resolved. */
  readonly activateMs: number;
  /** Start of code loading to the end of activation. */
  readonly totalMs: number;
}

interface PerformanceMark {
  readonly name: string;
  readonly startTime: number;
}

function isPerformanceMark(value: unknown): value is PerformanceMark {
  return typeof value === 'object' && value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { startTime?: unknown }).startTime === 'number';
}

/**
 * VS Code records `code/extHost/{will,did}{LoadExtensionCode,ActivateExtension}/<id>` marks in the extension host's
 * global `MonacoPerformanceMarks` (the data behind "Developer: Show Running Extensions"). No public API exposes
 * them, so this reads the global defensively; undefined when the marks are missing.
 */
export function readActivationTimes(extensionId: string = EXTENSION_ID): ActivationTimes | undefined {
  const registry: unknown = (globalThis as Record<string, unknown>).MonacoPerformanceMarks;
  if (typeof registry !== 'object' || registry === null) {
    return undefined;
  }
  const getMarks: unknown = (registry as { getMarks?: unknown }).getMarks;
  if (typeof getMarks !== 'function') {
    return undefined;
  }
  const marks: unknown = getMarks.call(registry);
  if (!Array.isArray(marks)) {
    return undefined;
  }
  const at = (kind: string): number | undefined =>
    marks.filter(isPerformanceMark).find((mark) => mark.name === `code/extHost/${kind}/${extensionId}`)?.startTime;
  const willLoad = at('willLoadExtensionCode');
  const didLoad = at('didLoadExtensionCode');
  const willActivate = at('willActivateExtension');
  const didActivate = at('didActivateExtension');
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) {
    return undefined;
  }
  return {
    extensionId,
    codeLoadingMs: didLoad - willLoad,
    activateMs: didActivate - willActivate,
    totalMs: didActivate - willLoad
  };
}

function findTestFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

/**
 * code-server forwards extension-host console output mixed with the workbench's own log lines, and VS Code
 * makes the extension host's console methods read-only; so mocha's reporter output gets the prefix the runner
 * passes in AXWAY_LOG_PREFIX, pre-formatted (the workbench forwards raw printf arguments). Returns the undo.
 */
function prefixMochaOutput(prefix: string | undefined): () => void {
  if (!prefix) {
    return () => undefined;
  }
  const mochaLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => mochaLog(`${prefix} ${format(...args)}`);
  return () => {
    Mocha.reporters.Base.consoleLog = mochaLog;
  };
}

export async function run(): Promise<void> {
  const restoreConsole = prefixMochaOutput(process.env.AXWAY_LOG_PREFIX);
  try {
    await runSuite();
  } finally {
    restoreConsole();
  }
}

async function runSuite(): Promise<void> {
  // AXWAY_INTEGRATION_GREP (from `run-integration.mjs --grep`) runs a subset while developing; `npm test` never sets it.
  const grep = process.env.AXWAY_INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, forbidOnly: true, ...(grep ? { grep } : {}) });
  for (const file of findTestFiles(__dirname)) {
    mocha.addFile(file);
  }
  const stats = await new Promise<Mocha.Stats | undefined>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  const passed = stats?.passes ?? 0;
  const failed = stats?.failures ?? 0;
  const pending = stats?.pending ?? 0;
  Mocha.reporters.Base.consoleLog(`${RESULT_MARKER} ${JSON.stringify({ passed, failed, pending, host: vscode.env.appHost, version: vscode.version })}`);
  const times = readActivationTimes();
  Mocha.reporters.Base.consoleLog(`${ACTIVATION_MARKER} ${JSON.stringify(times ?? { extensionId: EXTENSION_ID, missing: true })}`);
  if (failed > 0) {
    throw new Error(`${failed} integration test(s) failed`);
  }
  if (passed === 0) {
    throw new Error('No integration test ran');
  }
}
