// The one table of assertion kinds. Adding a kind = one handler + one line here.
import { latency, maxTokens } from './budget.js';
import { cost } from './cost.js';
import { isJson, jsonSchema } from './json.js';
import { regex } from './regex.js';
import { maxLength, maxWords, minLength } from './size.js';
import { containsAll, containsAny, icontainsAll, icontainsAny } from './text-lists.js';
import { contains, endsWith, equals, icontains, iendsWith, istartsWith, startsWith } from './text.js';
import { githubEvaluator, llmEvaluator, llmRubric, similar } from './graded-kinds.js';
import type { AssertionHandler } from './verdict.js';

export const HANDLERS: ReadonlyMap<string, AssertionHandler> = new Map<string, AssertionHandler>([
  ['equals', equals],
  ['contains', contains],
  ['icontains', icontains],
  ['contains-any', containsAny],
  ['contains-all', containsAll],
  ['icontains-any', icontainsAny],
  ['icontains-all', icontainsAll],
  ['starts-with', startsWith],
  ['istarts-with', istartsWith],
  ['ends-with', endsWith],
  ['iends-with', iendsWith],
  ['regex', regex],
  ['is-json', isJson],
  ['json-schema', jsonSchema],
  ['min-length', minLength],
  ['max-length', maxLength],
  ['max-words', maxWords],
  ['latency', latency],
  ['max-tokens', maxTokens],
  ['cost', cost],
  // Graded by a model after the call (src/grade/); listed here so the loader validates their values.
  ['llm-rubric', llmRubric],
  ['similar', similar],
  ['github-evaluator', githubEvaluator],
  ['llm-evaluator', llmEvaluator],
]);
