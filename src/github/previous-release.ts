// Which earlier release a new one is gated against. The rule, as the README states it:
//
// - Drafts are never a baseline; prereleases only for a prerelease (v2.0.0-rc.2 is compared with
//   v2.0.0-rc.1, v2.0.0 with v1.9.0, not with its own release candidates).
// - When the tag is a version (semver, `v` prefix allowed), the previous release is the highest
//   version below it: a backported v1.2.5 published after v2.0.0 is compared with v1.2.4, and v2.1.0
//   with v2.0.0. Releases whose tags are not versions are then left out.
// - A tag that is no version is compared with the release published last before it.
// - Without a release to compare with, tags are tried, by version alone: GitHub lists tags in no
//   documented order and with no dates, so a repository whose tags are not versions names its
//   baseline (the `baseline` input) instead.
// Two functions, not the package's index: the bundle takes only what they need.
import compareVersions from 'semver/functions/compare.js';
import parseVersion from 'semver/functions/parse.js';
import type { SemVer } from 'semver';
import type { ReleaseFacts, TagFacts } from './releases.js';

/** The release being gated. */
export interface CurrentRelease {
  tag: string;
  /** GitHub's flag, on a release event; undefined for a pushed tag. */
  prerelease?: boolean;
}

/** Whether the current release is a prerelease: its flag, else its release's, else its version's. */
export function isPrerelease(current: CurrentRelease, releases: readonly ReleaseFacts[]): boolean {
  if (current.prerelease !== undefined) return current.prerelease;
  const own = releases.find((release) => release.tag === current.tag);
  if (own) return own.prerelease;
  return (versionOf(current.tag)?.prerelease.length ?? 0) > 0;
}

/** The tag of the release before `current` among `releases`, or undefined when there is none. */
export function previousAmongReleases(current: CurrentRelease, releases: readonly ReleaseFacts[], prerelease: boolean): string | undefined {
  const candidates = releases.filter((release) => !release.draft && release.tag !== current.tag && (prerelease || !release.prerelease));
  const version = versionOf(current.tag);
  if (version) return highestBelow(version, candidates.map((release) => release.tag));
  const own = releases.find((release) => release.tag === current.tag)?.publishedAt;
  // ISO times in UTC compare as strings.
  const earlier = candidates.filter((release) => release.publishedAt !== undefined && (own === undefined || release.publishedAt < own));
  earlier.sort((a, b) => (a.publishedAt! < b.publishedAt! ? 1 : a.publishedAt! > b.publishedAt! ? -1 : 0));
  return earlier[0]?.tag;
}

/** The highest version tag below `current`'s version; undefined when `current` is no version or none is lower. */
export function previousAmongTags(current: CurrentRelease, tags: readonly TagFacts[], prerelease: boolean): string | undefined {
  const version = versionOf(current.tag);
  if (!version) return undefined;
  const eligible = tags.map((tag) => tag.name).filter((name) => prerelease || (versionOf(name)?.prerelease.length ?? 0) === 0);
  return highestBelow(version, eligible);
}

function highestBelow(version: SemVer, tags: readonly string[]): string | undefined {
  let best: { tag: string; version: SemVer } | undefined;
  for (const tag of tags) {
    const candidate = versionOf(tag);
    if (!candidate || compareVersions(candidate, version) >= 0) continue;
    if (!best || compareVersions(candidate, best.version) > 0) best = { tag, version: candidate };
  }
  return best?.tag;
}

/** Whether the tag names a version, and so can be ordered among tags. */
export function isVersionTag(tag: string): boolean {
  return versionOf(tag) !== undefined;
}

/** `v1.2.3`, `1.2.3-rc.1`: strict semver with an optional `v`. */
function versionOf(tag: string): SemVer | undefined {
  return parseVersion(tag) ?? undefined;
}
