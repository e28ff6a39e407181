import { describe, expect, it } from 'vitest';
import { BASE_REF, BASE_SHA, HEAD_REF, HEAD_SHA, promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import { issueCommentEvent, pullRequestEvent, pullRequestReviewCommentEvent } from '../support/github-events.js';

const target = promptPullRequestSetup();

describe('pullRequestEvent', () => {
  it('turns the documented "opened" example into an event for the double\'s pull request', () => {
    const event = pullRequestEvent(target);

    expect(event.action).toBe('opened');
    expect(event.number).toBe(42);
    expect(event.pull_request.number).toBe(42);
    expect([event.pull_request.head.sha, event.pull_request.head.ref, event.pull_request.base.sha, event.pull_request.base.ref]).toEqual([
      HEAD_SHA,
      HEAD_REF,
      BASE_SHA,
      BASE_REF,
    ]);
    expect(event.repository.full_name).toBe('acme/storefront');
    expect(event.repository.owner.login).toBe('acme');
    expect(event.pull_request.url).toBe('https://api.github.com/repos/acme/storefront/pulls/42');
    expect(event.pull_request.html_url).toBe('https://github.com/acme/storefront/pull/42');
    expect(event.pull_request.user.login).toBe('mona');
    expect(event.sender.login).toBe('mona');
    expect(JSON.stringify(event)).not.toContain('Codertocat/Hello-World');
  });

  it('makes a synchronize event whose after is the head sha', () => {
    const event = pullRequestEvent(target, { action: 'synchronize', before: BASE_SHA, apiUrl: 'http://127.0.0.1:9/' });

    expect(event.action).toBe('synchronize');
    if (event.action !== 'synchronize') throw new Error('unreachable');
    expect([event.before, event.after]).toEqual([BASE_SHA, HEAD_SHA]);
    expect(event.pull_request.url).toBe('http://127.0.0.1:9/repos/acme/storefront/pulls/42');
  });
});

describe('issueCommentEvent', () => {
  it('marks the issue as the pull request and sets the comment and its author', () => {
    const event = issueCommentEvent(target, { comment: { id: 9001, body: '/promptgate rerun', author: 'hubot' } });

    expect(event.action).toBe('created');
    expect(event.issue.number).toBe(42);
    expect(event.issue.pull_request?.url).toBe('https://api.github.com/repos/acme/storefront/pulls/42');
    expect([event.comment.id, event.comment.body, event.comment.user.login, event.comment.user.type]).toEqual([
      9001,
      '/promptgate rerun',
      'hubot',
      'User',
    ]);
    expect(event.sender.login).toBe('hubot');
  });

  it('marks a bot author as a Bot, for loop guards', () => {
    const event = issueCommentEvent(target, { comment: { id: 1, body: 'summary', author: 'github-actions[bot]' } });
    expect([event.comment.user.type, event.comment.user.id]).toEqual(['Bot', 41898282]);
  });
});

describe('pullRequestReviewCommentEvent', () => {
  it('describes a reply in a review thread on the double\'s pull request', () => {
    const event = pullRequestReviewCommentEvent(target, {
      comment: {
        id: 9100,
        body: 'This is intended.',
        author: 'mona',
        path: 'prompts/support-reply.prompt.yaml',
        line: 23,
        in_reply_to_id: 9000,
      },
    });

    expect(event.action).toBe('created');
    expect([event.comment.id, event.comment.path, event.comment.line, event.comment.side, event.comment.in_reply_to_id]).toEqual([
      9100,
      'prompts/support-reply.prompt.yaml',
      23,
      'RIGHT',
      9000,
    ]);
    expect(event.comment.commit_id).toBe(HEAD_SHA);
    expect(event.pull_request.number).toBe(42);
    expect(event.pull_request.head.sha).toBe(HEAD_SHA);
    expect(event.comment.html_url).toBe('https://github.com/acme/storefront/pull/42#discussion_r9100');
  });
});
