// Memory growth of this process while something runs: live JS heap plus Buffer memory, sampled ten times a second
// after garbage collection, so the figure is what is still held, not chunks already let go of.
import * as v8 from 'v8';
import * as vm from 'vm';

v8.setFlagsFromString('--expose_gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function used(): number {
  // A second collection waits for V8 to free dead Buffers' memory in the background.
  collectGarbage();
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export interface GrowthMeter {
  /** Peak growth over the baseline, in bytes. */
  stop(): number;
}

export function memoryGrowth(intervalMs = 100): GrowthMeter {
  const baseline = used();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
  }, intervalMs);
  timer.unref();
  return {
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, used());
      return peak - baseline;
    }
  };
}
