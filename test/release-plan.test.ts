// scripts/release-plan.mjs: what a published release does (npm dist-tag, major tag to move) or why it stops,
// worked out by hand for a first release, later ones, backports and prereleases.
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { outputLines, planRelease, type ReleaseInput } from '../scripts/release-plan.mjs';

const changelog = (...versions: string[]) =>
  ['# Changelog', '', '## [Unreleased]', '', ...versions.flatMap((version) => [`## [${version}] - 2026-12-05`, '', '- something', ''])].join('\n');

const release = (tag: string, tags: string[], extra: Partial<ReleaseInput> = {}): ReleaseInput => {
  const version = tag.replace(/^v/, '');
  return { tag, prerelease: false, version, changelog: changelog(version), tags: [...tags, tag], ...extra };
};

describe('a release tagged with package.json version and a changelog section', () => {
  it('the first release takes latest on npm and creates the major tag', () => {
    expect(planRelease(release('v1.0.0', []))).toEqual({ ok: true, version: '1.0.0', distTag: 'latest', majorTag: 'v1' });
  });

  it('a later release moves both, whatever other tags the repository has', () => {
    expect(planRelease(release('v1.2.0', ['v1', 'v1.0.0', 'v1.1.0', 'nightly', 'v0.9.0']))).toEqual({
      ok: true,
      version: '1.2.0',
      distTag: 'latest',
      majorTag: 'v1',
    });
  });

  it('prerelease tags above it do not hold it back', () => {
    expect(planRelease(release('v1.5.0', ['v1.4.0', 'v1.6.0-rc.1', 'v2.0.0-beta.1']))).toMatchObject({ distTag: 'latest', majorTag: 'v1' });
  });

  it('a backport below a newer release of its major takes neither latest nor v1', () => {
    expect(planRelease(release('v1.2.5', ['v1.2.4', 'v1.3.0']))).toEqual({ ok: true, version: '1.2.5', distTag: 'latest-1', majorTag: '' });
  });

  it('the newest release of an older major moves that major tag, not latest', () => {
    expect(planRelease(release('v1.4.1', ['v1.4.0', 'v2.0.0']))).toEqual({ ok: true, version: '1.4.1', distTag: 'latest-1', majorTag: 'v1' });
  });

  it('a prerelease goes to next and moves no tag, by its version or by the release checkbox', () => {
    expect(planRelease(release('v1.1.0-rc.1', ['v1.0.0']))).toEqual({ ok: true, version: '1.1.0-rc.1', distTag: 'next', majorTag: '' });
    expect(planRelease(release('v1.1.0', ['v1.0.0'], { prerelease: true }))).toEqual({ ok: true, version: '1.1.0', distTag: 'next', majorTag: '' });
  });

  it('never names a dist-tag that npm would refuse as a version range', () => {
    const plans = [release('v1.0.0', []), release('v1.2.5', ['v1.3.0']), release('v0.4.1', ['v1.0.0']), release('v2.0.0-rc.1', [])].map(planRelease);
    const distTags = plans.map((plan) => (plan.ok ? plan.distTag : plan.problems.join()));
    expect(distTags).toEqual(['latest', 'latest-1', 'latest-0', 'next']);
    expect(distTags.filter((tag) => semver.validRange(tag, { loose: true }) !== null)).toEqual([]);
  });
});

describe('a release that must not go ahead', () => {
  it('a tag that is not v and a full version', () => {
    for (const tag of ['release-1', 'v1', '1.0.0', 'v1.0']) {
      expect(planRelease(release(tag, [], { version: '1.0.0', changelog: changelog('1.0.0') }))).toEqual({
        ok: false,
        problems: [`the tag "${tag}" is not a version: name it v1.0.0 (v and package.json's version)`],
      });
    }
  });

  it("a tag that is not package.json's version, with how to fix it", () => {
    const plan = planRelease(release('v1.0.1', [], { version: '1.0.0', changelog: changelog('1.0.1') }));
    expect(plan).toEqual({
      ok: false,
      problems: [
        `the tag v1.0.1 does not match package.json's version 1.0.0: set "version" to 1.0.1, run npm run build, commit with dist/ and tag that commit`,
      ],
    });
  });

  it("a changelog without the version's section; a neighbouring version's section does not count", () => {
    for (const written of [[], ['1.0.0-rc.1'], ['1.0.10'], ['11.0.0']]) {
      expect(planRelease(release('v1.0.0', [], { changelog: changelog(...written) }))).toEqual({
        ok: false,
        problems: ['CHANGELOG.md has no "## [1.0.0]" section: move what "## [Unreleased]" lists under it, with the date'],
      });
    }
  });
});

describe('the plan as the workflow reads it', () => {
  it('is one key=value line per output', () => {
    expect(outputLines({ ok: true, version: '1.2.5', distTag: 'latest-1', majorTag: '' })).toBe('version=1.2.5\ndist-tag=latest-1\nmajor-tag=\n');
  });
});
