// What a run's grading needs, worked out from its cases before any call: which judge prompts to
// load, and whether a judge endpoint or embeddings are used at all.
import type { Case } from '../types.js';
import { JUDGED_KINDS, parseGitHubEvaluator, type GitHubEvaluatorName } from '../assert/graded-kinds.js';

export interface GradingNeeds {
  rubric: boolean;
  github: Set<GitHubEvaluatorName>;
  judge: boolean;
  embeddings: boolean;
}

export function gradingNeeds(cases: readonly Case[]): GradingNeeds {
  const needs: GradingNeeds = { rubric: false, github: new Set(), judge: false, embeddings: false };
  const seen = new Set<Case['assert']>();
  for (const testCase of cases) {
    // Samples of one test share their assertion list; look at each list once.
    if (seen.has(testCase.assert)) continue;
    seen.add(testCase.assert);
    for (const assertion of testCase.assert) {
      if (assertion.baseType === 'similar') needs.embeddings = true;
      if (JUDGED_KINDS.has(assertion.baseType)) needs.judge = true;
      if (assertion.baseType === 'llm-rubric') needs.rubric = true;
      if (assertion.baseType === 'github-evaluator') {
        const parsed = parseGitHubEvaluator(assertion.value);
        if (parsed.ok) needs.github.add(parsed.value);
      }
    }
  }
  return needs;
}

export function needsAnyGrading(needs: GradingNeeds): boolean {
  return needs.judge || needs.embeddings;
}
