// Turns compared tests into the findings a review posts: one per failing test, in reading order,
// each with a fingerprint (identity across pushes) and an anchor that GitHub will accept.
import type { Suite, TestDefinition, TestResult } from '../types.js';
import type { Anchor, AnchorReason } from './anchor.js';
import { chooseAnchor } from './anchor.js';
import type { ComparedTest } from './classify.js';
import type { ParsedPatch } from './diff.js';
import { fingerprintOf } from './fingerprint.js';
import { byChangeThenLocation, isFindingChange } from './order.js';

export type { Anchor, AnchorReason } from './anchor.js';
export { fingerprintOf } from './fingerprint.js';

export interface Finding {
  fingerprint: string;
  compared: ComparedTest;
  anchor: Anchor;
  /** Which anchoring rule applied (see anchor.ts); lets the comment say why it sits where it does. */
  anchorReason?: AnchorReason;
}

/**
 * Findings for regressions and new failures, in that order, then by file and line. Errored tests
 * are not findings (nothing was judged); the summary lists them.
 *
 * `suites`: the head version of each file, by path (for spans). `patches`: every file of the PR, by
 * its new path; `undefined` when GitHub sent no patch (binary or too large).
 */
export function planFindings(compared: ComparedTest[], suites: Map<string, Suite>, patches: Map<string, ParsedPatch | undefined>): Finding[] {
  return compared
    .filter((entry) => isFindingChange(entry.change))
    .sort(byChangeThenLocation)
    .map((entry) => {
      const suite = suites.get(entry.file);
      const definition = findDefinition(suite, entry.head);
      const { anchor, reason } = chooseAnchor(entry.head, suite, definition, patches);
      return { fingerprint: fingerprintOf(entry.file, entry.test, entry.head, definition), compared: entry, anchor, anchorReason: reason };
    });
}

/**
 * The fingerprints of tests that still fail without being findings (no change found, or none
 * decided): their earlier comments stay as they are, neither posted again nor marked fixed. An
 * improved test is not among them, even when it still fails now and then: that is what "fixed" marks.
 */
export function stillFailing(compared: ComparedTest[], suites: Map<string, Suite>): Set<string> {
  const failing = compared.filter((entry) => entry.head.status === 'failed' && (entry.change === 'still-failing' || entry.change === 'inconclusive'));
  return new Set(failing.map((entry) => fingerprintOf(entry.file, entry.test, entry.head, findDefinition(suites.get(entry.file), entry.head))));
}

function findDefinition(suite: Suite | undefined, head: TestResult): TestDefinition | undefined {
  // Names are unique within a file (the loader rejects duplicates); the results know tests by name.
  return suite?.tests.find((test) => test.name === head.test);
}
