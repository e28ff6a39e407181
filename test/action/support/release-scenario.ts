// A repository with releases, and a model double that answers at random at the rate each prompt's
// system message sets (`pass-rate: P`, see test/support/model-server.ts): a release whose prompt is
// reworded so that its tests pass 10% of the time instead of 95% has truly regressed, one reworded
// at the same rate has not. Every request has its own seeded stream, so the counts are the same on
// every run whatever order the calls arrive in.
import type { GitHubDoubleSetup, ReleaseSetup, TagSetup } from '../../support/github-server.js';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../../support/model-server.js';
import { API_KEY } from './scenario.js';

export const SUMMARY_PATH = 'prompts/summary.prompt.yaml';
export const STEADY_PATH = 'prompts/steady.prompt.yaml';
/** At the previous release only: its tests are removed since. */
export const RETIRED_PATH = 'prompts/retired.prompt.yaml';

export const SUMMARY_TESTS = ['refund ticket', 'late parcel', 'wrong size', 'broken zip', 'gift card', 'address change'];
export const STEADY_TESTS = ['billing', 'shipping', 'returns'];

export const SUMMARY_BEFORE = 'You summarise support tickets. pass-rate: 0.95';
/** The rewording that broke it. */
export const SUMMARY_DROPPED = 'You summarise support tickets in one line. pass-rate: 0.1';
/** A rewording that changed nothing. */
export const SUMMARY_KEPT = 'You summarise support tickets in one line. pass-rate: 0.95';

export const RELEASE_SHA = '7a1c3e5f9b2d4f6a8c0e1a3b5d7f9e2c4a6b8d0f';
export const PREVIOUS_SHA = '2b4d6f8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c';

/** A prompt file whose tests each ask `ticket: <name>` and pass when the answer says PASS. */
export function ticketSuite(name: string, system: string, tests: readonly string[], tags?: string[]): string {
  const lines = [`name: ${name}`, 'model: ticket-model'];
  if (tags) lines.push(`tags: [${tags.join(', ')}]`);
  lines.push('messages:', '  - role: system', `    content: "${system}"`, '  - role: user', '    content: "{{ticket}}"', 'tests:');
  for (const test of tests) lines.push(`  - name: ${test}`, '    vars:', `      ticket: "ticket: ${test}"`, '    assert:', '      - contains: PASS');
  return `${lines.join('\n')}\n`;
}

/** The prompt files of the previous release (v1.0.0 in most tests). */
export function previousFiles(): Record<string, string> {
  return {
    'README.md': '# Storefront prompts\n',
    [SUMMARY_PATH]: ticketSuite('Summaries', SUMMARY_BEFORE, SUMMARY_TESTS),
    [STEADY_PATH]: ticketSuite('Routing', 'You route tickets. pass-rate: 1', STEADY_TESTS),
    [RETIRED_PATH]: ticketSuite('Retired', 'You greet. pass-rate: 1', ['hello']),
  };
}

/** The workspace at the new release: the summary prompt reworded as `summary` says. */
export function releaseFiles(summary: string): Record<string, string> {
  return {
    'README.md': '# Storefront prompts\n',
    [SUMMARY_PATH]: ticketSuite('Summaries', summary, SUMMARY_TESTS),
    [STEADY_PATH]: ticketSuite('Routing', 'You route tickets to a team. pass-rate: 1', STEADY_TESTS),
  };
}

export interface ReleaseRepository {
  releases?: ReleaseSetup[];
  tags?: TagSetup[];
  /** Files by tag. */
  contents?: Record<string, Record<string, string>>;
  /** Where GitHub cuts a recursive tree listing. */
  maxTreeEntries?: number;
}

export function releaseRepository(repository: ReleaseRepository): GitHubDoubleSetup {
  return {
    owner: 'acme',
    repo: 'storefront',
    // The double serves one repository around one pull request; a release job never reads it.
    pull: { number: 1, head: { sha: 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe', ref: 'feature' }, base: { sha: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', ref: 'main' } },
    files: [],
    ...(repository.releases ? { releases: repository.releases } : {}),
    ...(repository.tags ? { tags: repository.tags } : {}),
    ...(repository.contents ? { contents: repository.contents } : {}),
    ...(repository.maxTreeEntries !== undefined ? { maxTreeEntries: repository.maxTreeEntries } : {}),
  };
}

/** `hold`: requests never answered (the run is waiting on them when the job is cancelled). */
export function startRandomModel(options: { seed?: number; hold?: (request: ReceivedRequest) => boolean } = {}): Promise<ModelServer> {
  return startModelServer({
    apiKey: API_KEY,
    randomPass: { seed: options.seed ?? 7 },
    rules: options.hold ? [{ match: options.hold, fail: { kind: 'hang' } }] : [],
    defaultReply: 'unexpected request',
  });
}
