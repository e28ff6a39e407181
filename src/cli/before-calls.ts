// What `promptgate run` checks of the baseline and the gates once it knows the tests it selected,
// before the first call: a baseline that is no results file or names none of the files, a gate on a
// tag or a file the run does not have. Each is a problem at its place, refused with exit 2.
import { scopesOfCases, unknownScopeProblems } from '../settings/gates.js';
import type { Case, Problem, RunReport, Suite } from '../types.js';
import { loadBaseline } from './baseline-file.js';
import { selectTests } from './base-suites.js';
import { selectionOf, type RunSettings } from './settings.js';

export interface BeforeCalls {
  problems: Problem[];
  /** The baseline, cut down to what the run selected (`--baseline`). */
  baseline?: { report: RunReport; shownAs: string; notes: string[] };
}

export async function checkBeforeCalls(settings: RunSettings, suites: Suite[], cases: Case[], cwd: string): Promise<BeforeCalls> {
  const problems = unknownScopeProblems(settings.gates, scopesOfCases(cases));
  if (settings.baseline === undefined) return { problems };
  const selection = selectionOf(settings);
  const selected = suites.flatMap((suite) => selectTests(suite, selection) ?? []);
  const loaded = await loadBaseline(settings.baseline, cwd, selected, selection);
  if (!loaded.ok) return { problems: [...problems, loaded.problem] };
  return { problems, baseline: { report: loaded.report, shownAs: settings.baseline, notes: loaded.notes } };
}
