// A finding's identity across pushes and reruns, so a rerun recognises the comment it already
// posted and a later push can mark it fixed. Deliberately left out: the output (every sample words
// it differently) and line numbers (they move whenever the file above the test is edited).
import { createHash } from 'node:crypto';
import type { AssertionResult, TestDefinition, TestResult } from '../types.js';

/**
 * sha256 (first 16 hex digits) of the file path, the test name and the sorted set of failing
 * assertions. An assertion is identified by its type, its name and — when `definition` (the test as
 * loaded from the head file) is given — its value as written. planFindings always passes it;
 * without it, two failing assertions of the same type and name cannot be told apart, so use
 * `Finding.fingerprint` rather than recomputing one.
 */
export function fingerprintOf(file: string, test: string, head: TestResult, definition?: TestDefinition): string {
  const identities = new Set<string>();
  for (const assertions of failingSampleAssertions(head)) {
    assertions.forEach((result, index) => {
      if (result.pass || result.skipped) return;
      identities.add(identityOf(result, definition?.assert[index]?.type === result.type ? definition.assert[index]!.value : undefined));
    });
  }
  const material = JSON.stringify([file, test, [...identities].sort()]);
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

/**
 * The assertions of every failed sample, not only the representative one: with repeats, which
 * sample fails first is chance, and the finding should not change identity with it.
 */
function failingSampleAssertions(head: TestResult): AssertionResult[][] {
  const failed = head.samples.filter((sample) => sample.status === 'failed').map((sample) => sample.assertions);
  return failed.length > 0 ? failed : [head.assertions];
}

function identityOf(result: AssertionResult, value: unknown): string {
  return JSON.stringify([result.type, result.name ?? null, value === undefined ? null : canonical(value)]);
}

/** The same value always gives the same text, whatever order YAML listed mapping keys in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}
