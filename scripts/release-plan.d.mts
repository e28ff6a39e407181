// Types for scripts/release-plan.mjs, so test/release-plan.test.ts can use it under strict TypeScript.
export interface ReleaseInput {
  /** The release's tag, e.g. v1.2.3. */
  tag: string;
  /** The release's "set as a pre-release" checkbox. */
  prerelease: boolean;
  /** package.json's version. */
  version: string;
  /** CHANGELOG.md's text. */
  changelog: string;
  /** The repository's tags. */
  tags: string[];
}
export type ReleasePlan =
  | { ok: true; version: string; distTag: string; majorTag: string }
  | { ok: false; problems: string[] };
export function planRelease(release: ReleaseInput): ReleasePlan;
export function outputLines(plan: Extract<ReleasePlan, { ok: true }>): string;
