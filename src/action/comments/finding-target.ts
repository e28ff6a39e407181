// Which test a failure comment is about. The comment names it twice: quoted in its heading and as
// `file:line` in its location line. The heading is compared with each test's name rendered the
// very same way, so escaping and truncation cannot make a name unrecognisable; the line is the
// fallback for a heading that does not match (a test renamed since, say).
import { quotedName } from '../../review/text.js';
import type { TestDefinition, Suite } from '../../types.js';

export function testOfFinding(commentBody: string, suite: Suite): TestDefinition | undefined {
  const heading = commentBody.split('\n', 1)[0] ?? '';
  const byName = suite.tests.find((test) => heading.includes(`: ${quotedName(test.name)} `));
  if (byName) return byName;
  const line = locationLineOf(commentBody, suite.file);
  if (line === undefined) return undefined;
  return suite.tests.find((test) => test.span !== undefined && test.span.start.line === line);
}

/** The `12` of `` `prompts/a.prompt.yaml:12` `` in the comment's location line. */
function locationLineOf(body: string, file: string): number | undefined {
  for (const match of body.matchAll(/`+([^`\n]+):(\d+)`+/g)) {
    if (match[1] === file) return Number(match[2]);
  }
  return undefined;
}
