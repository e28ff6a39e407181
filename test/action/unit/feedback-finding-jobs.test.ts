// Answering critiques works on the findings of every promptgate job on the pull request: the
// comment trigger finds a failure comment by its marker, whichever job (or version) wrote it.
import { describe, expect, it } from 'vitest';
import { requestOfReply } from '../../../src/action/comments/review-thread.js';
import type { ReviewCommentFacts } from '../../../src/github/replies.js';
import { jobIdentity } from '../../../src/review/job.js';
import { renderFindingComment } from '../../../src/review/render.js';
import { SUPPORT_REPLY_PATH } from '../../fixtures/github/prompt-pull-request.js';
import { fail, result } from '../../review/helpers.js';
import { finding } from '../../review/render-helpers.js';
import { ANGRY_FINDING_BODY } from '../support/feedback-scenario.js';

function root(body: string): ReviewCommentFacts {
  return {
    id: 7001,
    body,
    path: SUPPORT_REPLY_PATH,
    line: 45,
    startLine: 41,
    side: 'RIGHT',
    startSide: 'RIGHT',
    authorLogin: 'github-actions[bot]',
    authorIsBot: true,
    subjectType: 'line',
  };
}

describe('a reply to a failure comment', () => {
  const withJob = (job: string) => ANGRY_FINDING_BODY.replace(' -->', ` job=${job} -->`);

  it('is a request about that finding, whichever job posted it', () => {
    for (const job of [jobIdentity({ model: 'model-a', prompts: ['.'] }), jobIdentity({ id: 'nightly', prompts: ['prompts/'] })]) {
      const body = withJob(job.key);
      expect(body).toContain(`job=${job.key}`);
      expect(requestOfReply('make it apologise', root(body), '/promptgate')).toMatchObject({ kind: 'finding', critique: 'make it apologise' });
    }
  });

  it('is one for a comment posted before job identities, and for one this version renders with a label', () => {
    expect(requestOfReply('make it apologise', root(ANGRY_FINDING_BODY), '/promptgate')).toMatchObject({ kind: 'finding' });
    const head = result(SUPPORT_REPLY_PATH, 'angry customer', [fail('icontains', 'expected output to contain "sorry"')]);
    const angry = finding(head, 'new-failing', { anchor: { kind: 'line', path: SUPPORT_REPLY_PATH, line: 45, startLine: 41 } });
    const rendered = renderFindingComment(angry, { job: jobIdentity({ id: 'nightly', prompts: ['.'] }) });
    expect(rendered).toContain('<sub>promptgate (nightly)</sub>');
    expect(requestOfReply('make it apologise', root(rendered), '/promptgate')).toMatchObject({ kind: 'finding' });
  });
});
