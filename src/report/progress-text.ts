// The words of the progress display: the status line, a failure's one line, the times. Pure, so
// the display (progress.ts) only decides when to write and where.
import type { TestResult } from '../types.js';
import { showControlChars } from './control-chars.js';
import { formatCount, plural } from './numbers.js';
import { assertionLabel, describeFlaky, failingAssertions, testLocation } from './result-facts.js';
import type { Paint, StyleName } from './style.js';

export interface Tally {
  passed: number;
  failed: number;
  errored: number;
}

export interface StatusFacts {
  done: number;
  total: number;
  unit: 'test' | 'call';
  /** Shown first, e.g. `round 2`. */
  label?: string;
  /** Absent when the work yields no test results (a comparison's rounds). */
  tally?: Tally;
  elapsedMs: number;
  /** Absent until an estimate can be trusted. */
  remainingMs?: number;
}

interface Piece {
  text: string;
  style?: StyleName;
}

type PartName = 'count' | 'percent' | 'tally' | 'elapsed' | 'estimate';

// When the line is too wide, the parts go in this order; the count stays.
const DROPPED_FIRST: PartName[] = ['percent', 'elapsed', 'estimate', 'tally'];

const SEPARATOR = ' · ';

/**
 * `120/300 tests (40%) · 98 passed, 3 failed, 1 errored · 1m 05s elapsed, about 1m 40s left`,
 * made to fit `width` columns by leaving out the least useful parts first (the percentage, then
 * the elapsed time, the estimate, the counts); no width means no limit (a log line).
 */
export function statusLine(facts: StatusFacts, paint: Paint, width?: number): string {
  const percent = facts.total > 0 ? Math.floor((facts.done / facts.total) * 100) : 100;
  const count = `${formatCount(facts.done)}/${plural(facts.total, facts.unit)}`;
  const parts = new Map<PartName, Piece[]>([
    ['count', [{ text: facts.label !== undefined ? `${facts.label}${SEPARATOR}${count}` : count }]],
    ['percent', [{ text: `${percent}%` }]],
  ]);
  if (facts.tally) parts.set('tally', tallyPieces(facts.tally));
  parts.set('elapsed', [{ text: `${formatElapsed(facts.elapsedMs)} elapsed` }]);
  if (facts.remainingMs !== undefined) parts.set('estimate', [{ text: `about ${formatEstimate(facts.remainingMs)} left` }]);

  const limit = width !== undefined ? Math.max(1, width) : Infinity;
  for (const name of DROPPED_FIRST) {
    if (displayWidth(joinParts(parts, plainPiece)) <= limit) break;
    parts.delete(name);
  }
  const plain = joinParts(parts, plainPiece);
  // Still too wide (a very narrow terminal): cut it, and the colors with it.
  if (displayWidth(plain) > limit) return fitWidth(plain, limit);
  return joinParts(parts, (piece) => (piece.style ? paint(piece.style, piece.text) : piece.text));
}

function tallyPieces(tally: Tally): Piece[] {
  const pieces: Piece[] = [
    { text: `${formatCount(tally.passed)} passed`, ...(tally.passed > 0 ? { style: 'green' as const } : {}) },
    { text: ', ' },
    { text: `${formatCount(tally.failed)} failed`, ...(tally.failed > 0 ? { style: 'red' as const } : {}) },
  ];
  // Errors are rare and have their own lines above; a zero would only crowd a narrow line.
  if (tally.errored > 0) pieces.push({ text: ', ' }, { text: `${formatCount(tally.errored)} errored`, style: 'yellow' });
  return pieces;
}

function plainPiece(piece: Piece): string {
  return piece.text;
}

function joinParts(parts: Map<PartName, Piece[]>, show: (piece: Piece) => string): string {
  let text = '';
  for (const [name, pieces] of parts) {
    const body = pieces.map(show).join('');
    // The percentage hangs on the count, the estimate on the elapsed time; the rest are set apart.
    if (name === 'count') text += body;
    else if (name === 'percent') text += ` (${body})`;
    else if (name === 'estimate' && parts.has('elapsed')) text += `, ${body}`;
    else text += SEPARATOR + body;
  }
  return text;
}

/**
 * `FAIL  prompts/refund.prompt.yaml:12  Refund policy › mentions the window — contains: expected …`:
 * a finished test that did not pass, in one line of at most `width` columns. Everything in it came
 * from a prompt file or a model, so control characters are shown as escapes and line breaks as spaces.
 */
export function failureLine(result: TestResult, paint: Paint, width?: number): string {
  const errored = result.status === 'errored';
  const label = errored ? 'ERROR' : 'FAIL ';
  const plain = `${label} ${oneLine(testLocation(result))}  ${oneLine(result.suite)} › ${oneLine(result.test)} — ${oneLine(whyNot(result))}`;
  const fitted = width !== undefined ? fitWidth(plain, width) : plain;
  return paint(errored ? 'yellow' : 'red', label) + fitted.slice(label.length);
}

function whyNot(result: TestResult): string {
  const first = failingAssertions(result)[0];
  if (first) return `${assertionLabel(first)}: ${first.reason}`;
  if (result.error !== undefined) return result.error;
  return result.flaky ? describeFlaky(result) : result.status;
}

function oneLine(text: string): string {
  return showControlChars(text).replace(/[\n\t]/g, ' ');
}

/** 45s, 1m 05s, 1h 02m: whole seconds, since the line is redrawn every second. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

/**
 * An estimate rounded to what it is worth: 25s (to 5 s), 3m 20s (to 10 s), 14m, 1h 05m. Never
 * below 5s, so it never reads as finished.
 */
export function formatEstimate(ms: number): string {
  const seconds = Math.max(0, ms / 1000);
  // Rounded first, then formatted, so 59 s reads "1m 00s" rather than "60s".
  const toFive = Math.max(5, Math.round(seconds / 5) * 5);
  if (toFive < 60) return `${toFive}s`;
  const toTen = Math.round(seconds / 10) * 10;
  if (toTen < 600) return `${Math.floor(toTen / 60)}m ${pad(toTen % 60)}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Columns `text` takes in a terminal, erring high: East Asian wide characters and emoji count two,
 * so a line measured here is never wider than the terminal thinks (it wraps, and `\r` then rewinds
 * only its last row). Combining marks count one, which errs the same way.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** `text` cut to at most `width` columns, ending in `…` when cut. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let kept = '';
  let used = 0;
  for (const char of text) {
    const columns = isWide(char.codePointAt(0)!) ? 2 : 1;
    if (used + columns > width - 1) break;
    kept += char;
    used += columns;
  }
  return width >= 1 ? `${kept}…` : '';
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    // Symbols and emoji, then the supplementary ideographs.
    (code >= 0x2600 && code <= 0x27bf) ||
    code >= 0x1f000
  );
}
