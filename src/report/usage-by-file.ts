// Tokens and cost per prompt file, for the reports' usage tables. The run's totals come from the
// summary, never from re-adding these rows: the summary is the one source of truth for the run.
import type { JudgeUsage, TestResult, TokenUsage } from '../types.js';

export interface FileUsage {
  file: string;
  tests: number;
  /** Tokens of the model under test. */
  tokens: TokenUsage;
  /** USD for the model under test; absent when no test in the file was priced. */
  cost?: number;
  /** Grading calls; absent when nothing in the file was graded. */
  judge?: JudgeUsage;
}

/** One entry per file, in the order files first appear in `results`. */
export function usageByFile(results: Iterable<TestResult>): FileUsage[] {
  const tally = new FileUsageTally();
  for (const result of results) tally.add(result);
  return tally.files();
}

/** The same, one result at a time, for a run whose results are not kept. */
export class FileUsageTally {
  private readonly byFile = new Map<string, FileUsage>();

  add(result: TestResult): void {
    let usage = this.byFile.get(result.file);
    if (!usage) {
      usage = { file: result.file, tests: 0, tokens: { prompt: 0, completion: 0, total: 0 } };
      this.byFile.set(result.file, usage);
    }
    usage.tests++;
    addTokens(usage.tokens, result.tokens);
    if (result.cost !== undefined) usage.cost = (usage.cost ?? 0) + result.cost;
    if (result.judge) usage.judge = addJudge(usage.judge, result.judge);
  }

  /** In the order files were first seen. */
  files(): FileUsage[] {
    return [...this.byFile.values()];
  }
}

function addTokens(into: TokenUsage, more: TokenUsage): void {
  into.prompt += more.prompt;
  into.completion += more.completion;
  into.total += more.total;
}

function addJudge(sum: JudgeUsage | undefined, more: JudgeUsage): JudgeUsage {
  const next: JudgeUsage = { calls: (sum?.calls ?? 0) + more.calls, tokens: { prompt: 0, completion: 0, total: 0 } };
  if (sum) addTokens(next.tokens, sum.tokens);
  addTokens(next.tokens, more.tokens);
  if (sum?.cost !== undefined || more.cost !== undefined) next.cost = (sum?.cost ?? 0) + (more.cost ?? 0);
  return next;
}
