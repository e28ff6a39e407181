// Which findings earlier runs reported in a review body instead of inline. Review bodies cannot be
// searched the way review comments can, so this travels as a hidden last line of text, in two places:
//
// - each review body carries the findings it reported itself, written in the same request that
//   posts the review, so a review is never without its record (even when the summary is refused);
// - the job's summary carries those of all its earlier reviews that still fail, and the newest
//   review it has taken in: a finding that was fixed drops out there, so if it fails again it is
//   reported again. Reviews newer than that are read for their own record.
//
// Both are bounded (see reported-filter.ts). Summaries written before this kept a plain list; it is
// still read.
import { ReportedFilter } from './reported-filter.js';

/** Answers whether a finding was reported before. */
export interface Reported {
  has(fingerprint: string): boolean;
}

export interface SummaryState {
  reported: Reported;
  /** The newest review whose record `reported` includes; later reviews must be read for theirs. 0 when none. */
  throughReview: number;
}

const STATE_START = '<!-- promptgate:reported ';
const STATE_END = ' -->';
// The line is always the body's last: a look-alike earlier in the body (in quoted model output,
// say) is not it.
const STATE_LINE = /[\r\n]<!-- promptgate:reported (?:through=(\d{1,16}) )?(k=\d{1,2} [A-Za-z0-9+/]+={0,2}) -->\s*$/;

const LEGACY_START = '<!-- promptgate:summarised-findings';
const LEGACY_END = '-->';
// Anything else could end the HTML comment early or smuggle markup; such a fingerprint is simply not remembered.
const SAFE_FINGERPRINT = /^[\w:.@+=/-]{1,200}$/;

export const NOTHING_REPORTED: Reported = { has: () => false };

export function readSummaryState(body: string | undefined): SummaryState {
  if (!body) return { reported: NOTHING_REPORTED, throughReview: 0 };
  const line = STATE_LINE.exec(body);
  if (line) {
    const filter = ReportedFilter.parse(line[2]!);
    return { reported: filter ?? NOTHING_REPORTED, throughReview: filter && line[1] ? Number(line[1]) : 0 };
  }
  const legacy = readLegacyList(body);
  // A legacy summary predates review records: every review's record is still to be read.
  return { reported: legacy, throughReview: 0 };
}

/** The findings a review body says it reported; nothing for a body without a record. */
export function readReviewState(body: string): Reported {
  const line = STATE_LINE.exec(body);
  return (line && ReportedFilter.parse(line[2]!)) || NOTHING_REPORTED;
}

/**
 * The hidden line to append to a summary (with `throughReview`) or a review body; empty when there
 * is nothing to remember. A summary keeps its line even with no findings in it: `throughReview`
 * says the older reviews' records are taken in (and were pruned to nothing).
 */
export function reportedStateLine(fingerprints: Iterable<string>, throughReview?: number): string {
  const unique = [...new Set(fingerprints)];
  const through = throughReview !== undefined && throughReview > 0 ? `through=${Math.floor(throughReview)} ` : '';
  if (unique.length === 0 && through === '') return '';
  return `\n${STATE_START}${through}${ReportedFilter.of(unique).serialise()}${STATE_END}\n`;
}

export function anyOf(sources: Reported[]): Reported {
  return { has: (fingerprint) => sources.some((source) => source.has(fingerprint)) };
}

function readLegacyList(body: string): Set<string> {
  const start = body.lastIndexOf(LEGACY_START);
  if (start < 0) return new Set();
  const end = body.indexOf(LEGACY_END, start);
  if (end < 0) return new Set();
  const listed = body.slice(start + LEGACY_START.length, end).trim().split(/\s+/);
  return new Set(listed.filter((fingerprint) => SAFE_FINGERPRINT.test(fingerprint)));
}
