// `gates:` in promptgate.config.yaml → Gate values. The schema checks each field; what it cannot say
// (one measure a gate, a scope that is a tag or a file) is checked here, at the gate's own line.
import type { Gate, GateScope } from '../gates/gate.js';
import type { ProblemList } from '../suite/problems.js';
import type { YamlSource } from '../suite/yaml-source.js';
import type { Case, Problem, TestDefinition } from '../types.js';

/** A gate as written in the config file (schema/config.schema.json). */
export interface GateDeclaration {
  noRegression?: true;
  noLostPass?: true;
  minPassRate?: number;
  maxErrored?: number;
  maxCostIncrease?: number;
  maxLatencyIncrease?: number;
  percentile?: 50 | 95;
  tag?: string;
  file?: string;
}

const MEASURES = ['noRegression', 'noLostPass', 'minPassRate', 'maxErrored', 'maxCostIncrease', 'maxLatencyIncrease'] as const;

/** Reports declarations that name no measure or several, or both a tag and a file. */
export function checkGateDeclarations(gates: GateDeclaration[] | undefined, problems: ProblemList): void {
  gates?.forEach((declaration, index) => {
    const node = problems.source.nodeAt(['gates', index]);
    const measures = MEASURES.filter((measure) => declaration[measure] !== undefined);
    if (measures.length !== 1) {
      const found = measures.length === 0 ? 'none' : measures.join(' and ');
      problems.error(node, `a gate names one measure (${MEASURES.join(', ')}); this one has ${found}: split it into one gate a measure`);
    }
    if (declaration.tag !== undefined && declaration.file !== undefined) {
      problems.error(node, 'a gate looks at one tag or one file, not both: write two gates');
    }
    if (declaration.percentile !== undefined && declaration.maxLatencyIncrease === undefined) {
      problems.error(problems.source.nodeAt(['gates', index, 'percentile']) ?? node, '`percentile` belongs to a maxLatencyIncrease gate');
    }
  });
}

/** The gates of a checked config. */
export function gatesOf(declarations: GateDeclaration[] | undefined): Gate[] {
  return (declarations ?? []).map((declaration) => {
    const scope: GateScope = {};
    if (declaration.tag !== undefined) scope.tag = declaration.tag;
    if (declaration.file !== undefined) scope.file = declaration.file;
    if (declaration.noRegression) return { ...scope, kind: 'no-regression' };
    if (declaration.noLostPass) return { ...scope, kind: 'no-lost-pass' };
    if (declaration.minPassRate !== undefined) return { ...scope, kind: 'min-pass-rate', limit: declaration.minPassRate };
    if (declaration.maxErrored !== undefined) return { ...scope, kind: 'max-errored', limit: declaration.maxErrored };
    if (declaration.maxCostIncrease !== undefined) return { ...scope, kind: 'max-cost-increase', limit: declaration.maxCostIncrease };
    return { ...scope, kind: 'max-latency-increase', limit: declaration.maxLatencyIncrease ?? 0, percentile: declaration.percentile ?? 95 };
  });
}

/** A gate and where the config file declares it, so that a gate the run cannot measure is refused at its line. */
export interface DeclaredGate {
  gate: Gate;
  /** The gate's tag or file value, else the gate itself. */
  at: { file: string; line: number; column: number };
}

/** The gates of a checked config, each with where it is declared. */
export function declaredGates(declarations: GateDeclaration[] | undefined, file: string, source: YamlSource): DeclaredGate[] {
  return gatesOf(declarations).map((gate, index) => {
    const scope = gate.tag !== undefined ? 'tag' : gate.file !== undefined ? 'file' : undefined;
    const node = (scope && source.nodeAt(['gates', index, scope])) || source.nodeAt(['gates', index]);
    return { gate, at: { file, ...source.startOf(node) } };
  });
}

/** What a gate's scope is checked against: each planned test's file and tags, once a test however many samples and models it has. */
export function scopesOfCases(cases: readonly Case[]): { file: string; tags?: string[] }[] {
  const tests = new Set<TestDefinition>();
  const scopes: { file: string; tags?: string[] }[] = [];
  for (const testCase of cases) {
    if (tests.has(testCase.test)) continue;
    tests.add(testCase.test);
    scopes.push({ file: testCase.suite.file, ...(testCase.test.tags ? { tags: testCase.test.tags } : {}) });
  }
  return scopes;
}

/** unknownScopes as problems at each gate's declaration, to be refused before any call. */
export function unknownScopeProblems(gates: readonly DeclaredGate[], tests: readonly { file: string; tags?: string[] }[]): Problem[] {
  const known = knownScopes(tests);
  return gates.flatMap(({ gate, at }) =>
    unknownIn([gate], known).map((message) => ({ ...at, severity: 'error' as const, message: `${message}: correct the gate, or select its tests` })),
  );
}

/**
 * Gates that name a tag no selected test has, or a file the run does not include: refused, since a
 * gate that looks at nothing would pass whatever happened.
 */
export function unknownScopes(gates: readonly Gate[], tests: readonly { file: string; tags?: string[] }[]): string[] {
  return unknownIn(gates, knownScopes(tests));
}

function knownScopes(tests: readonly { file: string; tags?: string[] }[]): { tags: Set<string>; files: Set<string> } {
  return { tags: new Set(tests.flatMap((test) => test.tags ?? [])), files: new Set(tests.map((test) => test.file)) };
}

function unknownIn(gates: readonly Gate[], known: { tags: Set<string>; files: Set<string> }): string[] {
  const unknown: string[] = [];
  for (const gate of gates) {
    if (gate.tag !== undefined && !known.tags.has(gate.tag)) unknown.push(`a gate names the tag "${gate.tag}", which no selected test has`);
    if (gate.file !== undefined && !known.files.has(gate.file)) unknown.push(`a gate names the file "${gate.file}", which is not among the files run`);
  }
  return unknown;
}
