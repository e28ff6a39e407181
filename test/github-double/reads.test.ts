import { describe, expect, it } from 'vitest';
import {
  BASE_REF,
  BASE_SHA,
  CLASSIFY_PATH,
  HEAD_REF,
  HEAD_SHA,
  OWNER,
  PULL_NUMBER,
  REPO,
  SUPPORT_REPLY_BASE,
  SUPPORT_REPLY_HEAD,
  SUPPORT_REPLY_PATH,
} from '../fixtures/github/prompt-pull-request.js';
import type { PullRequestFileSetup } from '../support/github-server.js';
import { failureOf, startDouble } from './helpers.js';

const pull = { owner: OWNER, repo: REPO, pull_number: PULL_NUMBER };

function manyFiles(count: number): PullRequestFileSetup[] {
  return Array.from({ length: count }, (_, index) => ({
    filename: `prompts/generated/p${String(index + 1).padStart(3, '0')}.prompt.yaml`,
    status: 'added' as const,
    additions: 1,
    deletions: 0,
    changes: 1,
    patch: '@@ -0,0 +1 @@\n+name: generated',
  }));
}

describe('pull request files', () => {
  it('pages 65 files 30 at a time and octokit.paginate follows the Link header to all of them', async () => {
    const { server, octokit } = await startDouble({ files: manyFiles(65) });

    const files = await octokit.paginate(octokit.rest.pulls.listFiles, pull);

    expect(files).toHaveLength(65);
    expect(files[0]?.filename).toBe('prompts/generated/p001.prompt.yaml');
    expect(files[64]?.filename).toBe('prompts/generated/p065.prompt.yaml');
    expect(server.requests.map((request) => request.query['page'] ?? '1')).toEqual(['1', '2', '3']);
    expect(server.schemaViolations).toEqual([]);
  });

  it('sends first/prev/next/last links and caps per_page at 100', async () => {
    const { octokit } = await startDouble({ files: manyFiles(250) });

    const middle = await octokit.rest.pulls.listFiles({ ...pull, per_page: 100, page: 2 });
    const capped = await octokit.rest.pulls.listFiles({ ...pull, per_page: 500 });

    expect(middle.data).toHaveLength(100);
    const base = `${octokit.request.endpoint.DEFAULTS.baseUrl}/repos/acme/storefront/pulls/42/files`;
    expect(middle.headers.link).toBe(
      [
        `<${base}?per_page=100&page=1>; rel="prev"`,
        `<${base}?per_page=100&page=3>; rel="next"`,
        `<${base}?per_page=100&page=3>; rel="last"`,
        `<${base}?per_page=100&page=1>; rel="first"`,
      ].join(', '),
    );
    expect(capped.data).toHaveLength(100);
  });

  it('lists a small pull request on one page without a Link header, patches included', async () => {
    const { octokit } = await startDouble();

    const { data, headers } = await octokit.rest.pulls.listFiles(pull);

    expect(headers.link).toBeUndefined();
    expect(data.map((file) => [file.filename, file.status, file.patch !== undefined])).toEqual([
      [SUPPORT_REPLY_PATH, 'modified', true],
      [CLASSIFY_PATH, 'added', true],
      ['prompts/legacy/greeting.prompt.yaml', 'removed', true],
      ['docs/prompts.md', 'renamed', false],
      ['assets/logo.png', 'modified', false],
    ]);
    expect(data[3]?.previous_filename).toBe('docs/PROMPTS.md');
  });
});

describe('the pull request', () => {
  it('returns head and base with sha and ref', async () => {
    const { octokit } = await startDouble();

    const { data } = await octokit.rest.pulls.get(pull);

    expect([data.number, data.head.sha, data.head.ref, data.base.sha, data.base.ref]).toEqual([
      42,
      HEAD_SHA,
      HEAD_REF,
      BASE_SHA,
      BASE_REF,
    ]);
    expect(data.user?.login).toBe('mona');
    expect(data.changed_files).toBe(5);
  });

  it('returns the diff with the diff media type, each file under git headers', async () => {
    const { octokit } = await startDouble();

    const { data } = await octokit.rest.pulls.get({ ...pull, mediaType: { format: 'diff' } });
    const diff = data as unknown as string;

    expect(diff).toStartWith(`diff --git a/${SUPPORT_REPLY_PATH} b/${SUPPORT_REPLY_PATH}\n--- a/${SUPPORT_REPLY_PATH}\n+++ b/${SUPPORT_REPLY_PATH}\n@@ -3,14 +3,15 @@`);
    expect(diff).toContain(`--- /dev/null\n+++ b/${CLASSIFY_PATH}\n@@ -0,0 +1,14 @@`);
    expect(diff).toContain('diff --git a/assets/logo.png b/assets/logo.png\nBinary files differ\n');
  });

  it('answers 404 for another pull request number', async () => {
    const { octokit } = await startDouble();
    const failure = await failureOf(octokit.rest.pulls.get({ ...pull, pull_number: 43 }));
    expect(failure.status).toBe(404);
  });

  it('gives the head commit by sha and refuses an unknown one', async () => {
    const { octokit } = await startDouble();

    const { data } = await octokit.rest.repos.getCommit({ owner: OWNER, repo: REPO, ref: HEAD_SHA });
    const failure = await failureOf(octokit.rest.repos.getCommit({ owner: OWNER, repo: REPO, ref: '0'.repeat(40) }));

    expect(data.sha).toBe(HEAD_SHA);
    expect(failure.status).toBe(422);
  });
});

describe('file contents', () => {
  it('returns base64 content at the base sha, decoding to the base text', async () => {
    const { octokit } = await startDouble();

    const { data } = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: SUPPORT_REPLY_PATH, ref: BASE_SHA });

    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(data.encoding).toBe('base64');
    expect(data.path).toBe(SUPPORT_REPLY_PATH);
    expect(data.name).toBe('support-reply.prompt.yaml');
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(SUPPORT_REPLY_BASE);
    expect(data.size).toBe(Buffer.byteLength(SUPPORT_REPLY_BASE));
    // GitHub wraps the base64 text in lines of 60 characters.
    expect(data.content.split('\n')[0]).toHaveLength(60);
  });

  it('answers for a branch name and for its sha alike, and raw text on request', async () => {
    const { octokit } = await startDouble();

    const byBranch = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: SUPPORT_REPLY_PATH, ref: HEAD_REF });
    const raw = await octokit.rest.repos.getContent({
      owner: OWNER,
      repo: REPO,
      path: SUPPORT_REPLY_PATH,
      ref: HEAD_SHA,
      mediaType: { format: 'raw' },
    });

    if (Array.isArray(byBranch.data) || byBranch.data.type !== 'file') throw new Error('expected a file');
    expect(Buffer.from(byBranch.data.content, 'base64').toString('utf8')).toBe(SUPPORT_REPLY_HEAD);
    expect(raw.data as unknown).toBe(SUPPORT_REPLY_HEAD);
  });

  it('answers 404 for a file missing at the ref (a prompt added by the pull request has no base version)', async () => {
    const { octokit } = await startDouble();

    const failure = await failureOf(
      octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: CLASSIFY_PATH, ref: BASE_SHA }),
    );

    expect(failure.status).toBe(404);
  });

  it('lists a directory', async () => {
    const { octokit } = await startDouble();

    const { data } = await octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: 'prompts', ref: BASE_REF });

    if (!Array.isArray(data)) throw new Error('expected a listing');
    expect(data.map((entry) => [entry.name, entry.type])).toEqual([
      ['legacy', 'dir'],
      ['support-reply.prompt.yaml', 'file'],
    ]);
  });
});

describe('collaborator permission', () => {
  it.each([
    ['acme', 'admin', 'admin'],
    ['mona', 'write', 'write'],
    ['hubot', 'read', 'triage'],
    ['outside-contributor', 'read', 'read'],
    ['stranger', 'read', 'read'],
  ])('reports %s as permission %s, role %s', async (username, permission, role) => {
    const { octokit } = await startDouble();

    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: OWNER, repo: REPO, username });

    expect([data.permission, data.role_name, data.user?.login]).toEqual([permission, role, username]);
  });

  it('maps maintain to the legacy permission write, and gives none to strangers of a private repository', async () => {
    const { octokit } = await startDouble({ private: true, permissions: { lead: 'maintain' } });

    const lead = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: OWNER, repo: REPO, username: 'lead' });
    const stranger = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: OWNER, repo: REPO, username: 'stranger' });

    expect([lead.data.permission, lead.data.role_name]).toEqual(['write', 'maintain']);
    expect(lead.data.user?.permissions).toEqual({ admin: false, maintain: true, push: true, triage: true, pull: true });
    expect(stranger.data.permission).toBe('none');
  });
});
