// Checks on rendered Markdown shared by the render tests.
import type { Change } from '../../src/review/classify.js';
import type { Anchor, Finding } from '../../src/review/findings.js';
import type { TestResult } from '../../src/types.js';

export const ZWJ = '\u200D';

/** The fence left open at the end, the way CommonMark pairs fences: a closer is at least as long and has no info string. */
export function unclosedFence(markdown: string): string | undefined {
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const run = /^ {0,3}(`{3,})(.*)$/.exec(line);
    if (!run) continue;
    if (open === undefined) open = run[1];
    else if (run[1]!.length >= open.length && run[2]!.trim() === '') open = undefined;
  }
  return open;
}

/** Markdown with every fenced block removed: what is left renders as Markdown, not as code. */
export function outsideFences(markdown: string): string {
  const kept: string[] = [];
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const run = /^ {0,3}(`{3,})(.*)$/.exec(line);
    if (open === undefined) {
      if (run) open = run[1];
      else kept.push(line);
    } else if (run && run[1]!.length >= open.length && run[2]!.trim() === '') {
      open = undefined;
    }
  }
  return kept.join('\n');
}

export function finding(head: TestResult, change: Change, options: { base?: TestResult; anchor?: Anchor; fingerprint?: string } = {}): Finding {
  const compared = { file: head.file, test: head.test, change, head, ...(options.base ? { base: options.base } : {}) };
  return { fingerprint: options.fingerprint ?? '0123456789abcdef', compared, anchor: options.anchor ?? { kind: 'line', path: head.file, line: head.line } };
}
