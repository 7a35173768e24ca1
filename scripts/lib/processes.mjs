// Process bookkeeping for the test harness: cleanup that runs on every exit path, free ports,
// process-group kills and RSS sums read from /proc (Linux).
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** @type {Map<number, { sync: () => void, async: () => Promise<void> }>} */
const cleanups = new Map();
let nextCleanupId = 1;
let signalHandlersInstalled = false;
let signalExitCode;

/** The exit code after a signal-triggered cleanup (default: 128 + signal number, as shells report). */
export function setSignalExitCode(code) {
  signalExitCode = code;
}

function runSyncCleanups() {
  for (const { sync } of cleanups.values()) {
    try {
      sync();
    } catch {
      // exiting anyway
    }
  }
  cleanups.clear();
}

let stopping = false;

/** True once a signal started the cleanup (children ending then is expected, not an error). */
export function isStopping() {
  return stopping;
}

function installSignalHandlers() {
  if (signalHandlersInstalled) {
    return;
  }
  signalHandlersInstalled = true;
  // Last resort: kill groups and remove folders synchronously when the process exits any other way.
  process.on('exit', runSyncCleanups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const conventional = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal];
    process.on(signal, () => {
      if (stopping) {
        // A second signal: no more waiting, kill what is left right now.
        process.exit(signalExitCode ?? conventional);
      }
      stopping = true;
      console.error(`\n[harness] ${signal}: stopping everything we started`);
      void runAllCleanups().finally(() => process.exit(signalExitCode ?? conventional));
    });
  }
}

/**
 * Registers a resource to release on exit, SIGINT or SIGTERM. Returns a function that releases it now (once).
 * @param {() => Promise<void>} release asynchronous, graceful release
 * @param {() => void} releaseSync synchronous fallback for the 'exit' event
 * @returns {() => Promise<void>}
 */
export function registerCleanup(release, releaseSync) {
  installSignalHandlers();
  const id = nextCleanupId++;
  let done;
  // Forgotten only once released, so the 'exit' fallback still covers an interrupted release.
  const releaseOnce = () => {
    done ??= release().finally(() => cleanups.delete(id));
    return done;
  };
  cleanups.set(id, { async: releaseOnce, sync: releaseSync });
  return releaseOnce;
}

/** Releases every registered resource, newest first. */
export async function runAllCleanups() {
  for (const id of [...cleanups.keys()].reverse()) {
    const entry = cleanups.get(id);
    if (!entry) {
      continue;
    }
    try {
      await entry.async();
    } catch (err) {
      console.error(`[harness] cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** @returns {{ pid: number, ppid: number, pgid: number }[]} */
function listProcesses() {
  const result = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result.push({ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      // the process ended while we looked
    }
  }
  return result;
}

/** PIDs of the processes in a process group. */
export function groupMembers(pgid) {
  return listProcesses().filter((p) => p.pgid === pgid).map((p) => p.pid);
}

/** PIDs of a process and all its descendants. */
export function treeMembers(rootPid) {
  const all = listProcesses();
  const members = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!members.has(p.pid) && members.has(p.ppid)) {
        members.add(p.pid);
        grew = true;
      }
    }
  }
  return [...members].filter((pid) => all.some((p) => p.pid === pid));
}

/** Direct children of a process. */
export function childPids(pid) {
  return listProcesses().filter((p) => p.ppid === pid).map((p) => p.pid);
}

/** Resident memory of one process in bytes (0 when it is gone). */
export function processRss(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Sum of resident memory (shared pages counted per process, as `ps` does) in bytes. */
export function sumRss(pids) {
  return pids.reduce((total, pid) => total + processRss(pid), 0);
}

/** The command line of a process, or '' when it is gone. */
export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Terminates a whole process group: SIGTERM, then SIGKILL for whatever is left after `graceMs`. */
export async function killGroup(pgid, graceMs = 3000) {
  if (!signalGroup(pgid, 'SIGTERM')) {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupMembers(pgid).length > 0) {
    await delay(50);
  }
  signalGroup(pgid, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (Date.now() < killDeadline && groupMembers(pgid).length > 0) {
    await delay(20);
  }
}

/** Synchronous last-resort variant for the 'exit' event. */
export function killGroupSync(pgid) {
  signalGroup(pgid, 'SIGKILL');
}

/** Removes a folder, tolerating files that vanish while we do it. */
export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Samples a memory figure every `intervalMs` and keeps the peak.
 * @param {() => number} measure
 */
export function startPeakSampler(measure, intervalMs = 500) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, measure());
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    get peak() {
      return peak;
    },
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    }
  };
}

export function mib(bytes) {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
