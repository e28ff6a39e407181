// The base side of `promptgate run --baseline FILE`, in the CLI's words (baseline/load-baseline.ts).
import { loadBaseline as load, type BaselineLoad } from '../baseline/load-baseline.js';
import type { TestSelection } from '../suite/select-tests.js';
import type { Suite } from '../types.js';

export type { BaselineLoad };

/** `head`: the run's suites with only the selected tests; `selection`: --test and --failed-from. */
export function loadBaseline(path: string, cwd: string, head: readonly Suite[], selection: TestSelection): Promise<BaselineLoad> {
  return load(
    path,
    cwd,
    head,
    {
      selection: 'this run selected',
      pathAdvice: 'run from the directory it was written in, with the same paths (a results file names prompt files relative to where it was run)',
      repeat: (count) => `--repeat ${count}`,
    },
    selection,
  );
}
