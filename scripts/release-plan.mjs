// Decides what a published GitHub release does, before anything is published
// (.github/workflows/release.yml): the npm dist-tag to publish under and the major tag (`v1`) to move,
// or why the release must stop.
//
//   node scripts/release-plan.mjs --tag v1.2.3 [--prerelease true|false]
//     → version=1.2.3, dist-tag=latest, major-tag=v1 on stdout (and appended to $GITHUB_OUTPUT in Actions)
//
// The tag must be `v` + package.json's version: dist/ has the version baked in (scripts/build.mjs) and CI
// checks dist/ against the build, so a tag on a commit that says another version would publish a CLI
// whose --version lies. CHANGELOG.md must have the version's section, so every release says what changed.
// A prerelease (by its version, or by the release's checkbox) goes to npm's `next` and moves no tag; a
// release older than one already tagged (a backport: v1.2.5 after v1.3.0) must not take `latest` or `v1`
// back to itself.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import semver from 'semver';

/**
 * @param {{ tag: string, prerelease: boolean, version: string, changelog: string, tags: string[] }} release
 *   the release's tag and checkbox, package.json's version, CHANGELOG.md, and the repository's tags
 */
export function planRelease({ tag, prerelease, version, changelog, tags }) {
  const tagged = tag.startsWith('v') ? semver.parse(tag.slice(1)) : null;
  if (!tagged) return { ok: false, problems: [`the tag "${tag}" is not a version: name it v${version} (v and package.json's version)`] };

  const problems = [];
  if (tagged.version !== version) {
    problems.push(
      `the tag ${tag} does not match package.json's version ${version}: set "version" to ${tagged.version}, run npm run build, commit with dist/ and tag that commit`,
    );
  }
  if (!hasSection(changelog, tagged.version)) {
    problems.push(`CHANGELOG.md has no "## [${tagged.version}]" section: move what "## [Unreleased]" lists under it, with the date`);
  }
  if (problems.length > 0) return { ok: false, problems };

  if (prerelease || tagged.prerelease.length > 0) return { ok: true, version: tagged.version, distTag: 'next', majorTag: '' };

  const others = tags
    .map((name) => (name.startsWith('v') ? semver.parse(name.slice(1)) : null))
    .filter((other) => other !== null && other.prerelease.length === 0 && other.version !== tagged.version);
  const newest = others.every((other) => semver.gt(tagged, other));
  const newestOfMajor = others.filter((other) => other.major === tagged.major).every((other) => semver.gt(tagged, other));
  return {
    ok: true,
    version: tagged.version,
    // npm refuses a dist-tag that reads as a version range, so not `v1`.
    distTag: newest ? 'latest' : `latest-${tagged.major}`,
    majorTag: newestOfMajor ? `v${tagged.major}` : '',
  };
}

/** The plan as the workflow reads it: `key=value` lines for $GITHUB_OUTPUT, the plan job's outputs. */
export function outputLines(plan) {
  return `version=${plan.version}\ndist-tag=${plan.distTag}\nmajor-tag=${plan.majorTag}\n`;
}

function hasSection(changelog, version) {
  const escaped = version.replace(/[.+]/g, (character) => `\\${character}`);
  return new RegExp(`^## \\[${escaped}\\]`, 'm').test(changelog);
}

function main() {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { values } = parseArgs({ options: { tag: { type: 'string' }, prerelease: { type: 'string', default: 'false' } } });
  if (!values.tag) {
    process.stderr.write('usage: node scripts/release-plan.mjs --tag v1.2.3 [--prerelease true|false]\n');
    return 2;
  }
  const plan = planRelease({
    tag: values.tag,
    prerelease: values.prerelease === 'true',
    version: JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version,
    changelog: readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8'),
    tags: execFileSync('git', ['tag', '--list', 'v*'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean),
  });
  if (!plan.ok) {
    for (const problem of plan.problems) process.stderr.write(`the release cannot go ahead: ${problem}\n`);
    return 1;
  }
  const lines = outputLines(plan);
  process.stdout.write(lines);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, lines);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main();
