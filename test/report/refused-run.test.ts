// The reports of a refused run hold problems that quote what a prompt file says (a key, a value),
// and a pull request's files are untrusted: the JUnit stays well-formed XML, the Markdown's fence
// cannot be closed from inside, and thousands of problems stay under GitHub's size limit.
import { describe, expect, it } from 'vitest';
import { refusedRunJUnit, refusedRunMarkdown } from '../../src/report/refused-run.js';
import type { Problem } from '../../src/types.js';
import { findAll, parseXml } from './xml-check.js';

const HOSTILE = 'unknown key "```\n## <img src=x onerror=alert(1)> & @someone \u001b[31m"';

describe('refused-run reports', () => {
  it('keep a hostile message inert: well-formed JUnit with the message intact, and a fence it cannot close', () => {
    const problems: Problem[] = [{ file: 'a.prompt.yaml', line: 3, column: 7, severity: 'error', message: HOSTILE }];
    const root = parseXml(refusedRunJUnit(problems, '2026-01-01T00:00:00.000Z'));
    const failure = findAll(root, 'failure')[0]!;
    // Control characters become visible escapes; everything else comes back as written.
    expect(failure.attributes.message).toBe(HOSTILE.replace('\u001b', '\\x1b'));

    const markdown = refusedRunMarkdown(problems);
    const fence = /^(`{4,})$/m.exec(markdown)?.[1];
    expect(fence, 'a fence longer than the backticks inside').toBeDefined();
    const parts = markdown.split(`\n${fence!}\n`);
    expect(parts).toHaveLength(3);
    // The message's heading and HTML are inside the fence, as text; nothing of them outside.
    expect(parts[1]).toContain('## <img src=x onerror=alert(1)>');
    expect(parts[0]! + parts[2]!).not.toMatch(/<img|@someone/);
  });

  it('stay under 60,000 characters with thousands of problems, saying how many lines were left out', () => {
    const problems: Problem[] = Array.from({ length: 5_000 }, (_, index) => ({
      file: `prompts/file-${index}.prompt.yaml`,
      line: index + 1,
      column: 1,
      severity: 'error',
      message: 'unknown assertion type "contain"; did you mean "contains"?',
    }));
    const markdown = refusedRunMarkdown(problems);
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    expect(markdown).toMatch(/…and [\d,]+ more lines: the console and the JSON report have them all\./);
    // Every problem still fails a testcase of its own in JUnit.
    expect(findAll(parseXml(refusedRunJUnit(problems, '2026-01-01T00:00:00.000Z')), 'testcase')).toHaveLength(5_000);
  });
});
