// The fast path: js-yaml and a light position tree instead of yaml's Document. It vouches only
// for files it reads exactly as the precise loader does and that have no problem at all; for any
// other file it returns undefined and the precise loader reads it.
import type { Position, Problem, Suite } from '../../types.js';
import { ProblemList } from '../problems.js';
import { readSuite } from '../read-suite.js';
import { abandon } from './abandon.js';
import { FastSource } from './fast-source.js';
import { readPositionTree } from './position-tree.js';
import { checkSupportedCharacters, checkSupportedSyntax } from './syntax-guard.js';

/** Any problem, even a warning, means the precise loader must word and place it. */
class ProblemsNotExpected extends ProblemList {
  protected override add(_position: Position, message: string): void {
    abandon(`a problem: ${message}`);
  }
}

export function loadSuiteFast(file: string, text: string): { suite: Suite; problems: Problem[] } | undefined {
  try {
    checkSupportedCharacters(text);
    const tree = readPositionTree(text);
    checkSupportedSyntax(text, tree);
    const result = readSuite(file, tree.data, new ProblemsNotExpected(file, new FastSource(text, tree.root)));
    // readSuite reports every problem, so a result without a suite has one; keep the guarantee explicit.
    if (!result.suite || result.problems.length > 0) return undefined;
    return { suite: result.suite, problems: [] };
  } catch {
    // FastPathAbandoned, or a fast-path bug: either way the precise loader decides.
    return undefined;
  }
}
