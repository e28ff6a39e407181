// Reads native assertions in both forms people write: the long form `{type: contains, value: x}`
// (promptfoo's) and the short form `{contains: x}`; `not-` negates any type.
import { isKnownAssertionType, isNegatableAssertionType, knownAssertionTypes } from '../assert/index.js';
import type { Assertion } from '../types.js';
import { didYouMean } from './did-you-mean.js';
import type { LocatedAssertion } from './draft.js';
import type { ProblemList } from './problems.js';
import type { PathSegment } from './source-map.js';

/** GitHub Models evaluators (`uses: github/…`, `llm:`) become these; nobody writes them by hand. */
const INTERNAL_TYPES = new Set(['github-evaluator', 'llm-evaluator']);

export function userAssertionTypes(): string[] {
  return knownAssertionTypes().filter((type) => !INTERNAL_TYPES.has(type));
}

export function readAssertions(data: unknown, path: PathSegment[], problems: ProblemList): LocatedAssertion[] {
  if (!Array.isArray(data)) return [];
  const located: LocatedAssertion[] = [];
  data.forEach((item, index) => {
    const assertion = readAssertion(item, [...path, index], problems);
    if (assertion) located.push(assertion);
  });
  return located;
}

function readAssertion(data: unknown, path: PathSegment[], problems: ProblemList): LocatedAssertion | undefined {
  // Wrong shapes (not a mapping, a misspelt `valeu`) are the schema check's to report.
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const source = problems.source;
  const node = source.nodeAt(path);
  const fields = data as Record<string, unknown>;

  if ('type' in fields) {
    const parsed = parseType(fields.type);
    if (typeof parsed === 'string') {
      problems.error(source.nodeAt([...path, 'type']), parsed);
      return undefined;
    }
    const assertion: Assertion = { type: parsed.type, baseType: parsed.baseType, negate: parsed.negate, span: source.spanOf(node) };
    if ('value' in fields) assertion.value = fields.value;
    if (typeof fields.name === 'string') assertion.name = fields.name;
    if (typeof fields.threshold === 'number') assertion.threshold = fields.threshold;
    // promptfoo writes the cost limit as `threshold:`; the handler reads its limit from the value.
    const limitInThreshold = parsed.baseType === 'cost' && !('value' in fields) && 'threshold' in fields;
    if (limitInThreshold) assertion.value = fields.threshold;
    return { assertion, valueNode: source.nodeAt([...path, limitInThreshold ? 'threshold' : 'value']), node };
  }

  const keys = Object.keys(fields);
  if (keys.length === 0) {
    problems.error(node, 'empty assertion; write e.g. `contains: "text"`, or `type: contains` with `value: "text"`');
    return undefined;
  }
  if (keys.length > 1) {
    const missingType = keys.includes('value') ? 'missing `type:`; ' : '';
    problems.error(
      node,
      `${missingType}an assertion in the short form has exactly one key, its type (e.g. \`contains: "text"\`); ` +
        `found ${keys.map((key) => `"${key}"`).join(', ')}. For a name or threshold use the long form: type, value, name`,
    );
    return undefined;
  }
  const typeName = keys[0]!;
  const parsed = parseType(typeName);
  if (typeof parsed === 'string') {
    problems.error(source.keyNodeAt(path, typeName), parsed);
    return undefined;
  }
  return {
    assertion: { type: parsed.type, baseType: parsed.baseType, negate: parsed.negate, value: fields[typeName], span: source.spanOf(node) },
    valueNode: source.nodeAt([...path, typeName]),
    node,
  };
}

/** The type as written, split into handler and negation; or what is wrong with it. */
function parseType(written: unknown): Pick<Assertion, 'type' | 'baseType' | 'negate'> | string {
  if (typeof written !== 'string' || written === '') {
    return `an assertion type must be text such as "contains"; known types: ${userAssertionTypes().join(', ')}`;
  }
  const negate = written.startsWith('not-');
  const baseType = negate ? written.slice('not-'.length) : written;
  if (INTERNAL_TYPES.has(baseType) || !isKnownAssertionType(baseType)) {
    const types = userAssertionTypes();
    const candidates = types.flatMap((type) => (isNegatableAssertionType(type) ? [type, `not-${type}`] : [type]));
    const hint = didYouMean(written, candidates) || `; known types: ${types.join(', ')} (all but llm-rubric can be negated with not-)`;
    return `unknown assertion type "${written}"${hint}`;
  }
  if (negate && !isNegatableAssertionType(baseType)) {
    return `"${written}" cannot be negated: write the opposite into the rubric instead (e.g. "does not promise a delivery date")`;
  }
  return { type: written, baseType, negate };
}
