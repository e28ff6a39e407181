import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8 lets the heap of a short, allocation-heavy process grow far beyond what is alive: a run of
 * 20,000 cases keeps ~25 MB of results but peaked above 230 MB RSS, mostly per-request garbage
 * promoted while requests were in flight. A full collection when the heap passes a ceiling keeps
 * the peak near the live size; with little alive, each one costs a few milliseconds.
 */
export function createHeapTrimmer(floorBytes = 48 * 1024 * 1024): () => void {
  const collect = garbageCollector();
  if (!collect) return () => {};
  let ceiling = floorBytes;
  return () => {
    if (getHeapStatistics().used_heap_size <= ceiling) return;
    collect();
    // Collect again once garbage reaches half of what is alive: the cost stays proportional to the work.
    ceiling = Math.max(floorBytes, 1.5 * getHeapStatistics().used_heap_size);
  };
}

function garbageCollector(): (() => void) | undefined {
  try {
    // The documented way to reach gc() without starting node with --expose-gc.
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
