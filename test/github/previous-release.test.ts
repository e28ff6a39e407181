// Which earlier release a release is gated against (src/github/previous-release.ts): by version when
// the tags are versions, else by publication; drafts never; prereleases only for a prerelease.
import { describe, expect, it } from 'vitest';
import { isPrerelease, previousAmongReleases, previousAmongTags } from '../../src/github/previous-release.js';
import type { ReleaseFacts } from '../../src/github/releases.js';

function release(tag: string, publishedAt: string, flags: { draft?: boolean; prerelease?: boolean } = {}): ReleaseFacts {
  return { tag, draft: flags.draft === true, prerelease: flags.prerelease === true, ...(flags.draft ? {} : { publishedAt }) };
}

const tags = (...names: string[]) => names.map((name, index) => ({ name, sha: String(index).padStart(40, '0') }));

describe('the previous release among releases', () => {
  // Listed newest first, as GitHub does: a backported v1.2.5 was published after v2.0.0.
  const RELEASES = [
    release('v2.1.0', '2024-06-01T00:00:00Z'),
    release('v2.2.0', '2024-06-10T00:00:00Z', { draft: true }),
    release('v1.2.5', '2024-05-20T00:00:00Z'),
    release('v2.1.0-rc.2', '2024-05-25T00:00:00Z', { prerelease: true }),
    release('v2.1.0-rc.1', '2024-05-15T00:00:00Z', { prerelease: true }),
    release('v2.0.0', '2024-05-01T00:00:00Z'),
    release('v1.10.0', '2024-04-01T00:00:00Z'),
    release('v1.9.0', '2024-03-01T00:00:00Z'),
    release('v1.2.4', '2024-02-01T00:00:00Z'),
  ];

  it.each([
    ['v2.1.0', false, 'v2.0.0'],
    ['v1.2.5', false, 'v1.2.4'],
    ['v2.0.0', false, 'v1.10.0'],
    ['v2.1.0-rc.2', true, 'v2.1.0-rc.1'],
    ['v2.1.0-rc.1', true, 'v2.0.0'],
    // A draft is never a baseline, even for the version after it.
    ['v2.3.0', false, 'v2.1.0'],
    ['v1.2.4', false, undefined],
  ] as const)('for %s (prerelease %s) is %s', (tag, prerelease, expected) => {
    expect(previousAmongReleases({ tag, prerelease }, RELEASES, prerelease)).toBe(expected);
  });

  it('is the one published last before it when the tags are no versions', () => {
    const named = [release('spring', '2024-04-01T00:00:00Z'), release('winter', '2024-01-01T00:00:00Z'), release('autumn', '2023-10-01T00:00:00Z'), release('summer', '2024-07-01T00:00:00Z', { draft: true })];
    expect(previousAmongReleases({ tag: 'spring' }, named, false)).toBe('winter');
    // A tag pushed without a release is later than every published one.
    expect(previousAmongReleases({ tag: 'summer-2' }, named, false)).toBe('spring');
  });

  it('leaves out releases whose tags are no versions when the tag is one', () => {
    expect(previousAmongReleases({ tag: 'v1.0.0' }, [release('nightly', '2024-01-01T00:00:00Z'), release('v0.9.0', '2023-01-01T00:00:00Z')], false)).toBe('v0.9.0');
  });
});

describe('the previous release among tags', () => {
  it('is the highest lower version, prerelease versions only for a prerelease', () => {
    const listed = tags('v1.10.0', 'v1.9.0', 'v1.2.0', 'v2.0.0-rc.1', 'latest', 'v2.0.0', '1.11.0-beta.2', '1.11.0-beta.10');
    expect(previousAmongTags({ tag: 'v2.0.0' }, listed, false)).toBe('v1.10.0');
    expect(previousAmongTags({ tag: 'v2.0.0-rc.2' }, listed, true)).toBe('v2.0.0-rc.1');
    // Prerelease identifiers compare as numbers: beta.10 follows beta.2.
    expect(previousAmongTags({ tag: '1.11.0' }, listed, true)).toBe('1.11.0-beta.10');
    expect(previousAmongTags({ tag: 'latest' }, listed, false)).toBeUndefined();
  });
});

describe('whether the release is a prerelease', () => {
  it('is its flag on a release event, its release’s for a pushed tag, else its version’s', () => {
    const releases = [release('v2.0.0-rc.1', '2024-01-01T00:00:00Z'), release('v1.0.0', '2023-01-01T00:00:00Z', { prerelease: true })];
    expect(isPrerelease({ tag: 'v3.0.0', prerelease: true }, releases)).toBe(true);
    expect(isPrerelease({ tag: 'v2.0.0-rc.1' }, releases)).toBe(false);
    expect(isPrerelease({ tag: 'v1.0.0' }, releases)).toBe(true);
    expect(isPrerelease({ tag: 'v3.0.0-beta.1' }, releases)).toBe(true);
    expect(isPrerelease({ tag: 'v3.0.0' }, releases)).toBe(false);
  });
});
