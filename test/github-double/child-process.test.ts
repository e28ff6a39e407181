// The Action will run as a child process with GITHUB_API_URL pointing at the double; this checks
// that path end to end with the real @actions/github in another process.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLASSIFY_PATH, SUPPORT_REPLY_PATH } from '../fixtures/github/prompt-pull-request.js';
import { pullRequestEvent } from '../support/github-events.js';
import { startDouble } from './helpers.js';

const run = promisify(execFile);
const childScript = fileURLToPath(new URL('../fixtures/github/octokit-child.mjs', import.meta.url));

describe('a child process using @actions/github', () => {
  it('reaches the double through GITHUB_API_URL and the event file', async () => {
    const { server } = await startDouble();
    const eventPath = path.join(mkdtempSync(path.join(tmpdir(), 'github-double-')), 'event.json');
    writeFileSync(eventPath, JSON.stringify(pullRequestEvent(server.setup)));

    // execFile, not execFileSync: the double answers from this process's event loop.
    const { stdout } = await run(process.execPath, [childScript], {
      env: {
        PATH: process.env['PATH'] ?? '',
        GITHUB_API_URL: server.url,
        GITHUB_TOKEN: 'ghs_child',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REPOSITORY: 'acme/storefront',
      },
    });

    expect(JSON.parse(stdout)).toEqual({
      files: [SUPPORT_REPLY_PATH, CLASSIFY_PATH, 'prompts/legacy/greeting.prompt.yaml', 'docs/prompts.md', 'assets/logo.png'],
      review: 'COMMENTED',
    });
    expect(server.requests.map((request) => request.operationId)).toEqual([
      'pulls/list-files',
      'pulls/list-files',
      'pulls/list-files',
      'pulls/create-review',
    ]);
    expect(server.reviewComments.map((comment) => [comment.path, comment.line])).toEqual([[SUPPORT_REPLY_PATH, 6]]);
    expect(server.schemaViolations).toEqual([]);
  });
});
