// The progress display the CLI's runs show on stderr, from their settings: none with --quiet.
import { createProgress, type Progress } from '../report/progress.js';
import { systemClock } from '../run/clock.js';
import type { Case } from '../types.js';
import type { RunSettings } from './settings.js';
import type { Terminal } from './terminal.js';

type Shown = Pick<RunSettings, 'quiet' | 'interactive' | 'color'>;

/** A plain run's: its cases, with each test's verdict counted (and a failure shown) as it comes. */
export function runProgress(cases: Case[], settings: Shown, terminal: Pick<Terminal, 'stderr'>): Progress | undefined {
  if (settings.quiet) return undefined;
  // With repeats a test is several calls, and the count is of calls.
  const unit = cases.some((testCase) => testCase.sample > 0) ? 'call' : 'test';
  return createProgress(terminal.stderr, cases.length, { interactive: settings.interactive, color: settings.color, clock: systemClock, unit });
}

/** When a comparison began, for its rounds' elapsed time. */
export function comparisonStart(): number {
  return systemClock.now();
}

/** One round of a comparison: its calls only, since a round's results are samples, not verdicts. */
export function roundProgress(round: number, calls: number, startedAt: number, settings: Shown, terminal: Pick<Terminal, 'stderr'>): Progress | undefined {
  if (settings.quiet) return undefined;
  return createProgress(terminal.stderr, calls, {
    interactive: settings.interactive,
    color: settings.color,
    clock: systemClock,
    unit: 'call',
    label: `round ${round}`,
    startedAt,
    tally: false,
  });
}
