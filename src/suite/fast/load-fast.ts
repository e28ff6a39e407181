// The fast path: js-yaml and a light position tree instead of yaml's Document. It vouches only
// for files it reads exactly as the precise loader does and that have no problem other than the
// warnings worked out from the data alone (an unused variable, a test without assertions); for any
// other file it returns undefined and the precise loader reads it.
import type { Position, Problem, Suite } from '../../types.js';
import { ProblemList } from '../problems.js';
import { readSuite } from '../read-suite.js';
import { abandon } from './abandon.js';
import { FastSource } from './fast-source.js';
import { readPositionTree } from './position-tree.js';
import { checkSupportedCharacters, checkSupportedSyntax } from './syntax-guard.js';

/**
 * Any other problem, even a warning, means the precise loader must word and place it: the
 * position of an error inside a string or at an empty value is beyond the light position tree.
 */
class ProblemsNotExpected extends ProblemList {
  protected override add(position: Position, message: string, severity: Problem['severity'], kind?: 'from-data'): void {
    if (kind !== 'from-data') abandon(`a problem: ${message}`);
    super.add(position, message, severity, kind);
  }
}

export function loadSuiteFast(file: string, text: string): { suite: Suite; problems: Problem[] } | undefined {
  try {
    checkSupportedCharacters(text);
    const tree = readPositionTree(text);
    checkSupportedSyntax(text, tree);
    const result = readSuite(file, tree.data, new ProblemsNotExpected(file, new FastSource(text, tree.root)));
    // Only warnings get this far, so there is a suite; keep the guarantee explicit.
    if (!result.suite || result.problems.some((problem) => problem.severity === 'error')) return undefined;
    return { suite: result.suite, problems: result.problems };
  } catch {
    // FastPathAbandoned, or a fast-path bug: either way the precise loader decides.
    return undefined;
  }
}
