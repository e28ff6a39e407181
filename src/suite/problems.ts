// Collects the problems of one file. Loading never stops at the first one: users fix a file in
// one pass only if they see everything that is wrong with it.
import type { Position, Problem } from '../types.js';
import type { SourceMap, SourceNode } from './source-map.js';

export class ProblemList {
  private readonly items: Problem[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly file: string,
    readonly source: SourceMap,
  ) {}

  errorAt(position: Position, message: string): void {
    this.add(position, message, 'error');
  }

  warningAt(position: Position, message: string): void {
    this.add(position, message, 'warning');
  }

  error(node: SourceNode | undefined, message: string): void {
    this.add(this.source.startOf(node), message, 'error');
  }

  warning(node: SourceNode | undefined, message: string): void {
    this.add(this.source.startOf(node), message, 'warning');
  }

  /**
   * A warning about what the file says rather than how it is written (a variable nothing uses, a
   * test without assertions), worked out from the data and placed at the start of a key or a test:
   * the fast loader places these exactly as the precise one does, so they need not send it aside.
   */
  dataWarning(node: SourceNode | undefined, message: string): void {
    this.add(this.source.startOf(node), message, 'warning', 'from-data');
  }

  get hasErrors(): boolean {
    return this.items.some((problem) => problem.severity === 'error');
  }

  /** In file order, so the list reads top to bottom like the file. */
  sorted(): Problem[] {
    return [...this.items].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /** Every problem passes through here; the fast loader overrides it to step aside at the first it cannot vouch for. */
  protected add(position: Position, message: string, severity: Problem['severity'], _kind?: 'from-data'): void {
    // The same check can fire once per test for a shared line; one report is enough.
    const key = `${position.line}:${position.column}:${severity}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ file: this.file, line: position.line, column: position.column, message, severity });
  }
}

/** For a text repaired by taking lines out: its warnings about the file as a whole are not the user's. */
export class ProblemsWithoutDataWarnings extends ProblemList {
  protected override add(position: Position, message: string, severity: Problem['severity'], kind?: 'from-data'): void {
    if (kind !== 'from-data') super.add(position, message, severity, kind);
  }
}
