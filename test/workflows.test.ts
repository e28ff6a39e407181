// The CI and release workflows cannot run here, so their structure is checked instead: what runs on
// which event, which job holds which permission, and that the steps call what this repository has.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { outputLines } from '../scripts/release-plan.mjs';

const repoRoot = resolve(import.meta.dirname, '..');
const workflowsDir = join(repoRoot, '.github/workflows');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  uses?: string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (name: string) => parse(readFileSync(join(workflowsDir, name), 'utf8')) as Workflow;
const needsOf = (job: Job) => (job.needs === undefined ? [] : [job.needs].flat());
const runs = (job: Job) => (job.steps ?? []).flatMap((step) => (step.run === undefined ? [] : [step.run]));

describe('ci.yml', () => {
  const ci = workflow('ci.yml');

  it('runs .ci/run on pushes to main and pull requests, and when the release calls it', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    expect(ci.on['push']).toEqual({ branches: ['main'] });
    expect(ci.permissions).toEqual({ contents: 'read' });
    expect(Object.values(ci.jobs).flatMap(runs)).toEqual(['.ci/run']);
    expect(statSync(join(repoRoot, '.ci/run')).mode & 0o111).not.toBe(0);
  });

  it("on the lowest Node the CLI supports and the Node the Action runs on", () => {
    const engines = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node as string;
    const lowest = Number(/^>=\s*(\d+)/.exec(engines)?.[1]);
    const actionNode = Number(/^\s*using:\s*['"]?node(\d+)/m.exec(readFileSync(join(repoRoot, 'action.yml'), 'utf8'))?.[1]);
    const nodes = Object.values(ci.jobs).flatMap((job) => (job.strategy?.matrix?.['node'] as number[] | undefined) ?? []);
    expect(nodes).toEqual(expect.arrayContaining([lowest, actionNode]));
  });
});

describe('release.yml', () => {
  const release = workflow('release.yml');
  const { ci, plan, publish } = release.jobs;
  const majorTag = release.jobs['major-tag'];

  it('starts on a published release only: moving the v1 tag (a push) cannot start it again', () => {
    expect(release.on).toEqual({ release: { types: ['published'] } });
  });

  it('publishes nothing before CI passes on the release commit and the plan accepts the tag', () => {
    expect(ci?.uses).toBe('./.github/workflows/ci.yml');
    expect(needsOf(publish!).sort()).toEqual(['ci', 'plan']);
    expect(needsOf(majorTag!).sort()).toEqual(['plan', 'publish']);
    expect(runs(plan!)).toContainEqual(expect.stringMatching(/^node scripts\/release-plan\.mjs --tag "\$TAG" --prerelease "\$PRERELEASE"$/));
  });

  it("reads the plan's outputs under the names the script writes", () => {
    const written = outputLines({ ok: true, version: '1.0.0', distTag: 'latest', majorTag: 'v1' })
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0]);
    const readByJob = Object.entries(plan!.outputs ?? {}).map(([name, value]) => [name, value]);
    expect(readByJob).toEqual(written.map((name) => [name, `\${{ steps.plan.outputs.${name} }}`]));
  });

  it('publishes to npm with provenance, under the planned dist-tag, from the npm registry', () => {
    expect(runs(publish!).join('\n')).toMatch(/npm publish --provenance --access public --tag "\$DIST_TAG"/);
    const setupNode = publish!.steps!.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org' });
    // Trusted publishing and provenance need npm 11.5.1 or later: Node 24 bundles it.
    expect(setupNode?.with?.['node-version']).toBe(24);
  });

  it('moves the major tag to the release commit, only when the plan names one', () => {
    expect(majorTag!.if).toBe("needs.plan.outputs.major-tag != ''");
    expect(runs(majorTag!).join('\n')).toMatch(/git tag --force "\$MAJOR_TAG" "\$GITHUB_SHA"\ngit push --force origin "refs\/tags\/\$MAJOR_TAG"/);
  });

  it('gives each job only what it needs: id-token to the publisher, write access to the tag mover', () => {
    expect(release.permissions).toEqual({ contents: 'read' });
    const permissions = Object.fromEntries(Object.entries(release.jobs).map(([name, job]) => [name, job.permissions ?? 'the workflow default']));
    expect(permissions).toEqual({
      ci: 'the workflow default',
      plan: 'the workflow default',
      publish: { contents: 'read', 'id-token': 'write' },
      'major-tag': { contents: 'write' },
    });
  });
});

describe('every workflow', () => {
  const files = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

  it('splices no expression into a shell command: a tag or a title reaches a script only through env', () => {
    const spliced = files.flatMap((file) =>
      Object.entries(workflow(file).jobs).flatMap(([name, job]) => runs(job).filter((run) => run.includes('${{')).map((run) => `${file} ${name}: ${run}`)),
    );
    expect(spliced).toEqual([]);
  });

  it('uses actions by a major version or a commit, and reusable workflows from this repository', () => {
    const uses = files.flatMap((file) =>
      Object.values(workflow(file).jobs).flatMap((job) => [job.uses, ...(job.steps ?? []).map((step) => step.uses)].filter((use) => use !== undefined)),
    );
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((use) => !/^(\.\/|[\w.-]+\/[\w.-]+@(v\d+|[0-9a-f]{40})$)/.test(use))).toEqual([]);
  });
});
