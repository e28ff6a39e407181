// Several models in one run (`--model a --model b`), side by side: for each model its verdicts,
// pass rate, cost and latency, and for each test which models passed it. Added up one result at a
// time, as the rest of the digest is, so a run that writes its results away keeps only this.
import type { Status, TestResult, TokenUsage } from '../types.js';
import { formatCount, formatDuration, formatPercent } from './numbers.js';

export interface ModelFigures {
  model: string;
  tests: number;
  passed: number;
  failed: number;
  errored: number;
  /** passed ÷ (passed + failed), as the run's own; undefined when nothing was evaluated. */
  passRate?: number;
  tokens: TokenUsage;
  /** USD; absent when none of the model's answers was priced. */
  cost?: number;
  /** Mean time of the model's answers, in ms; absent when none came. */
  latencyMs?: number;
}

/** A test, and its status with each model (in the order of `models`); undefined where it did not run. */
export interface ModelRow {
  file: string;
  line: number;
  suite: string;
  test: string;
  statuses: (Status | undefined)[];
}

export interface ModelsSideBySide {
  models: ModelFigures[];
  /** In report order. */
  tests: ModelRow[];
}

export class ModelTally {
  private readonly figures: Map<string, ModelFigures & { answered: number; latencySum: number }>;
  private readonly rows: ModelRow[] = [];
  private readonly rowOf = new Map<string, ModelRow>();
  private readonly columnOf = new Map<string, number>();

  /** `models`: in the order they were given, which is the order of the columns. */
  constructor(models: readonly string[]) {
    this.figures = new Map();
    for (const model of models) this.figuresOf(model);
  }

  private figuresOf(model: string): ModelFigures & { answered: number; latencySum: number } {
    let figures = this.figures.get(model);
    if (!figures) {
      figures = { model, tests: 0, passed: 0, failed: 0, errored: 0, tokens: { prompt: 0, completion: 0, total: 0 }, answered: 0, latencySum: 0 };
      this.figures.set(model, figures);
      this.columnOf.set(model, this.columnOf.size);
    }
    return figures;
  }

  add(result: TestResult): void {
    const model = result.model ?? '';
    const figures = this.figuresOf(model);
    figures.tests++;
    figures[result.status]++;
    figures.tokens.prompt += result.tokens.prompt;
    figures.tokens.completion += result.tokens.completion;
    figures.tokens.total += result.tokens.total;
    if (result.cost !== undefined) figures.cost = (figures.cost ?? 0) + result.cost;
    const answered = result.samples.filter((sample) => sample.status !== 'errored').length;
    figures.answered += answered;
    figures.latencySum += result.latencyMs * answered;

    // A test's results come one model after the other, so its row is found by file and position.
    const key = `${result.file}\u0000${result.testIndex}`;
    let row = this.rowOf.get(key);
    if (!row) {
      row = { file: result.file, line: result.line, suite: result.suite, test: result.test, statuses: [] };
      this.rowOf.set(key, row);
      this.rows.push(row);
    }
    row.statuses[this.columnOf.get(model)!] = result.status;
  }

  finish(): ModelsSideBySide {
    const models = [...this.figures.values()].map(({ answered, latencySum, ...figures }): ModelFigures => {
      const evaluated = figures.passed + figures.failed;
      return {
        ...figures,
        tokens: { ...figures.tokens },
        ...(evaluated > 0 ? { passRate: figures.passed / evaluated } : {}),
        ...(answered > 0 ? { latencyMs: latencySum / answered } : {}),
      };
    });
    const width = models.length;
    return { models, tests: this.rows.map((row) => ({ ...row, statuses: Array.from({ length: width }, (_, index) => row.statuses[index]) })) };
  }
}

/** The tests worth a row: those the models disagree on, then the others, while under `max`. */
export function rowsToShow(tests: readonly ModelRow[], max: number): { shown: ModelRow[]; agreeing: Record<Status, number>; hidden: number } {
  const differ = tests.filter((row) => new Set(row.statuses).size > 1);
  const agreeing: Record<Status, number> = { passed: 0, failed: 0, errored: 0 };
  if (tests.length <= max) return { shown: [...tests], agreeing, hidden: 0 };
  for (const row of tests) if (new Set(row.statuses).size === 1 && row.statuses[0] !== undefined) agreeing[row.statuses[0]]++;
  const shown = differ.slice(0, max);
  return { shown, agreeing, hidden: differ.length - shown.length };
}

/** One model's figures as table cells after its name, in the order both reports head them; `usd` formats a cost or its absence. */
export function modelFigureCells(figures: ModelFigures, withCost: boolean, usd: (cost: number | undefined) => string): string[] {
  return [
    formatCount(figures.tests),
    formatCount(figures.passed),
    formatCount(figures.failed),
    formatCount(figures.errored),
    figures.passRate !== undefined ? formatPercent(figures.passRate) : 'n/a',
    formatCount(figures.tokens.total),
    ...(withCost ? [usd(figures.cost)] : []),
    figures.latencyMs !== undefined ? formatDuration(figures.latencyMs) : 'n/a',
  ];
}
