// Every line anchor must be inside the diff: GitHub rejects the whole review otherwise. Checked over
// many random patches against what the generator itself knows about the hunks it wrote.
import { describe, expect, it } from 'vitest';
import type { ComparedTest } from '../../src/review/classify.js';
import { parsePatch } from '../../src/review/diff.js';
import { planFindings } from '../../src/review/findings.js';
import type { AssertionResult } from '../../src/types.js';
import { fail, pass, result } from './helpers.js';
import { SUPPORT_FILE, supportSuite } from './suite-fixture.js';

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GeneratedPatch {
  text: string;
  /** New-file lines of each hunk, as the generator wrote them. */
  hunks: Set<number>[];
}

function randomPatch(next: () => number): GeneratedPatch {
  const lines: string[] = [];
  const hunks: Set<number>[] = [];
  let newLine = 1 + Math.floor(next() * 4);
  let oldLine = newLine;
  while (newLine <= 32) {
    const body: string[] = [];
    const hunk = new Set<number>();
    const start = { old: oldLine, new: newLine };
    const length = 1 + Math.floor(next() * 8);
    for (let i = 0; i < length; i++) {
      const roll = next();
      if (roll < 0.35) {
        body.push(' context');
        hunk.add(newLine++);
        oldLine++;
      } else if (roll < 0.7) {
        body.push('+added');
        hunk.add(newLine++);
      } else {
        body.push('-removed');
        oldLine++;
      }
      if (next() < 0.05) body.push('\\ No newline at end of file');
    }
    const oldCount = oldLine - start.old;
    const newCount = newLine - start.new;
    // An empty side names the line before the hunk, as git writes it.
    lines.push(`@@ -${oldCount === 0 ? start.old - 1 : start.old},${oldCount} +${newCount === 0 ? start.new - 1 : start.new},${newCount} @@`, ...body);
    hunks.push(hunk);
    // Hunks may touch (zero-context diffs) or be far apart.
    const gap = Math.floor(next() * 5);
    newLine += gap;
    oldLine += gap;
  }
  return { text: lines.join('\n'), hunks };
}

function randomAssertions(next: () => number, lines: [string, number][]): AssertionResult[] {
  const results = lines.map(([type, line]) => (next() < 0.4 ? fail(type, `expected ${type}`, { line }) : pass(type, { line })));
  return results.some((a) => !a.pass) ? results : [...results.slice(0, -1), fail(lines.at(-1)![0], 'expected it', { line: lines.at(-1)![1] })];
}

describe('line anchors are always inside the diff', () => {
  it('holds for 2,000 random patches', () => {
    const next = random(20251121);
    const suite = supportSuite();
    let lineAnchors = 0;
    let ranges = 0;
    for (let round = 0; round < 2000; round++) {
      const generated = randomPatch(next);
      const right = new Set(generated.hunks.flatMap((hunk) => [...hunk]));
      const refund = result(SUPPORT_FILE, 'refund window', randomAssertions(next, [['max-words', 15], ['not-icontains', 16], ['contains', 22], ['icontains-any', 23]]), {
        line: 18,
        vars: { shop: 'Acme', question: 'Money back?' },
      });
      const greeting = result(SUPPORT_FILE, 'greeting', randomAssertions(next, [['max-words', 15], ['not-icontains', 16], ['max-length', 28]]), {
        line: 24,
        testIndex: 1,
        vars: { shop: 'Acme', question: 'Hi!' },
      });
      const compared: ComparedTest[] = [refund, greeting].map((head) => ({ file: SUPPORT_FILE, test: head.test, change: 'regression', head }));
      const findings = planFindings(compared, new Map([[SUPPORT_FILE, suite]]), new Map([[SUPPORT_FILE, parsePatch(generated.text)]]));

      expect(findings).toHaveLength(2);
      for (const { anchor } of findings) {
        if (anchor.kind !== 'line') {
          expect(anchor).toEqual({ kind: 'file', path: SUPPORT_FILE });
          continue;
        }
        lineAnchors++;
        const start = anchor.startLine ?? anchor.line;
        if (anchor.startLine !== undefined) {
          ranges++;
          expect(anchor.startLine).toBeLessThan(anchor.line);
        }
        const hunk = generated.hunks.find((lines) => lines.has(anchor.line));
        for (let line = start; line <= anchor.line; line++) {
          expect(right.has(line), `line ${line} of ${JSON.stringify(anchor)} in\n${generated.text}`).toBe(true);
          expect(hunk?.has(line), `line ${line} of ${JSON.stringify(anchor)} in one hunk\n${generated.text}`).toBe(true);
        }
      }
    }
    // The generator must actually exercise line anchors and ranges, or the property says nothing.
    expect(lineAnchors).toBeGreaterThan(1000);
    expect(ranges).toBeGreaterThan(100);
  });

  it('a new file: each test’s whole block is its range', () => {
    const lines = Array.from({ length: 28 }, () => '+x');
    const patches = new Map([[SUPPORT_FILE, parsePatch(['@@ -0,0 +1,28 @@', ...lines].join('\n'))]]);
    const refund = result(SUPPORT_FILE, 'refund window', [fail('contains', 'missing', { line: 22 })], { line: 18 });
    const greeting = result(SUPPORT_FILE, 'greeting', [fail('max-length', 'too long', { line: 28 })], { line: 24, testIndex: 1 });
    const compared: ComparedTest[] = [refund, greeting].map((head) => ({ file: SUPPORT_FILE, test: head.test, change: 'new-failing', head }));
    expect(planFindings(compared, new Map([[SUPPORT_FILE, supportSuite()]]), patches).map((f) => f.anchor)).toEqual([
      { kind: 'line', path: SUPPORT_FILE, line: 23, startLine: 18 },
      { kind: 'line', path: SUPPORT_FILE, line: 28, startLine: 24 },
    ]);
  });
});
