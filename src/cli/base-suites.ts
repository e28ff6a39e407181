// The base side of `promptgate run --against <ref>`: the selected prompt files as they were at the
// ref, loaded and planned as the head's are. A version the base cannot run is not an error of the
// run: its tests are compared with nothing and count as new. A file absent at the ref is simply
// new; one that was there but cannot be run (invalid, naming no model) is said so, since the user
// may expect a comparison that will not happen.
import { checkCostAssertionPrices } from '../cost/check-prices.js';
import type { Engine } from '../engine/engine.js';
import { decodeUtf8 } from '../fs/utf8.js';
import { plural } from '../report/numbers.js';
import { loadSuite } from '../suite/load.js';
import { selectTests as select, type TestSelection } from '../suite/select-tests.js';
import type { Case, Problem, Suite } from '../types.js';
import { readFilesAtRef, type FileAtRef } from './git-ref.js';

export type BaseLoad = ({ ok: true } & BaseSide) | { ok: false; message: string };

export interface BaseSide {
  suites: Suite[];
  /** One sample of each base test: what grading must be ready for. */
  cases: Case[];
  /** One sentence for each file whose version at the ref could not be run. */
  notes: string[];
}

export async function loadBase(
  head: readonly Suite[],
  at: { ref: string; commit: string; prefix: string },
  where: { cwd: string; env: NodeJS.ProcessEnv },
  engine: Engine,
  selection: TestSelection,
): Promise<BaseLoad> {
  const read = await readFilesAtRef(where, at, head.map((suite) => suite.file));
  if (!read.ok) return read;
  const files = read.files;
  const base: BaseSide = { suites: [], cases: [], notes: [] };
  for (const { file } of head) {
    const loaded = baseSuite(file, files.get(file) ?? { kind: 'absent' });
    if (loaded === undefined) continue;
    if (typeof loaded === 'string') {
      base.notes.push(`the version at ${at.ref} of ${file} could not be run: ${loaded}; its tests count as new`);
      continue;
    }
    const suite = selectTests(loaded, selection);
    if (!suite) continue;
    const plan = engine.plan([suite], { withRepeat: false });
    const problem = firstError([...plan.problems, ...checkCostAssertionPrices(plan.cases, engine.settings.grading.prices)]);
    if (problem) {
      base.notes.push(`the version at ${at.ref} of ${file} could not be run: ${problem}; its tests count as new`);
      continue;
    }
    base.suites.push(suite);
    base.cases.push(...plan.cases);
  }
  return { ok: true, ...base };
}

/** Only the tests selected (all when nothing narrows them), or undefined when none of them is in the suite. */
export function selectTests(suite: Suite, selection: TestSelection): Suite | undefined {
  return select([suite], selection).suites[0];
}

/** The suite, why it cannot be run, or undefined when there is nothing at the ref to compare with. */
function baseSuite(file: string, found: FileAtRef): Suite | string | undefined {
  if (found.kind === 'absent') return undefined;
  if (found.kind === 'unusable') return found.reason;
  const decoded = decodeUtf8(found.bytes);
  if (!decoded.ok) return `${decoded.line}:${decoded.column}: ${decoded.message}`;
  const loaded = loadSuite(file, decoded.text);
  return firstError(loaded.problems) ?? loaded.suite;
}

/** `4:9: unknown assertion type "contians" (and 2 more problems)`, or undefined when there is no error. */
function firstError(problems: readonly Problem[]): string | undefined {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const first = errors[0];
  if (!first) return undefined;
  const where = first.line > 0 ? `${first.line}:${first.column}: ` : '';
  const more = errors.length > 1 ? ` (and ${plural(errors.length - 1, 'more problem')})` : '';
  return `${where}${first.message}${more}`;
}
