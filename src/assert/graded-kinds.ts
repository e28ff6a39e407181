// Assertion kinds whose verdict needs a model: a judge (llm-rubric, GitHub Models evaluators) or
// embeddings (similar). The loader validates their values through the registry like any other
// kind; the grader makes the calls after the model under test answers, and the scorer takes the
// grader's result instead of evaluating them itself.
import { defineHandler, type AssertionHandler, type Parsed } from './verdict.js';

/** GitHub Models' built-in evaluators (`uses: github/<name>`), each a 1–5 rating by a judge. */
export const GITHUB_EVALUATORS = ['similarity', 'coherence', 'fluency', 'relevance', 'groundedness'] as const;
export type GitHubEvaluatorName = (typeof GITHUB_EVALUATORS)[number];

/** Built-ins that judge the answer against the row's `expected` (a reference answer, or the context for groundedness). */
export const GITHUB_EVALUATORS_USING_EXPECTED: ReadonlySet<string> = new Set<GitHubEvaluatorName>(['similarity', 'groundedness']);

export interface Choice {
  choice: string;
  score: number;
}

/** A GitHub Models `llm:` evaluator as written in the file. */
export interface LlmEvaluatorDefinition {
  modelId?: string;
  prompt: string;
  systemPrompt?: string;
  choices: Choice[];
}

/**
 * Cosine similarity a `similar` assertion needs when the file gives no threshold. Scales differ by
 * model: 0.75 is promptfoo's default for hosted embeddings; the offline model scores paraphrases
 * 0.62–0.90 and unrelated pairs below 0.1 (bench/embeddings.mjs), so 0.75 would fail most paraphrases.
 */
export const DEFAULT_SIMILARITY_THRESHOLD = { endpoint: 0.75, local: 0.5 } as const;

export const GRADED_KINDS = new Set(['llm-rubric', 'similar', 'github-evaluator', 'llm-evaluator']);

/** Kinds graded by a chat judge (the rest use embeddings). */
export const JUDGED_KINDS = new Set(['llm-rubric', 'github-evaluator', 'llm-evaluator']);

export function isGradedKind(baseType: string): boolean {
  return GRADED_KINDS.has(baseType);
}

// Reached only when a run has no grader (a bug in an edge): saying so beats a silent pass.
function notGraded(kind: string) {
  return () => ({ kind: 'invalid' as const, reason: `${kind} needs a judge or embeddings, and none was set up for this run` });
}

export const llmRubric: AssertionHandler = defineHandler({
  negatable: false,
  parse: parseRubric,
  evaluate: notGraded('llm-rubric'),
});

export const similar: AssertionHandler = defineHandler({
  parse: parseReferences,
  evaluate: notGraded('similar'),
});

export const githubEvaluator: AssertionHandler = defineHandler({
  negatable: false,
  parse: parseGitHubEvaluator,
  evaluate: notGraded('a GitHub Models evaluator'),
});

export const llmEvaluator: AssertionHandler = defineHandler({
  negatable: false,
  parse: parseLlmEvaluator,
  evaluate: notGraded('an llm evaluator'),
});

function parseRubric(value: unknown): Parsed<string> {
  if (typeof value === 'string' && value.trim() !== '') return { ok: true, value };
  return { ok: false, message: 'llm-rubric needs the requirements the judge checks, in plain words; write e.g. llm-rubric: "Apologises, and states the 30-day refund policy"' };
}

/** One reference text, or several (the output must be similar to at least one). */
export function parseReferences(value: unknown): Parsed<string[]> {
  const texts = Array.isArray(value) ? value : [value];
  if (texts.length > 0 && texts.every((text) => typeof text === 'string' && text.trim() !== '')) return { ok: true, value: texts as string[] };
  return { ok: false, message: 'similar needs the reference text the output should mean the same as (or a list of them); write e.g. similar: "Refunds are possible within 30 days"' };
}

export function parseGitHubEvaluator(value: unknown): Parsed<GitHubEvaluatorName> {
  const name = (value as { evaluator?: unknown } | null)?.evaluator;
  if (typeof name === 'string' && (GITHUB_EVALUATORS as readonly string[]).includes(name)) return { ok: true, value: name as GitHubEvaluatorName };
  return { ok: false, message: `unknown GitHub Models evaluator; the built-ins are ${GITHUB_EVALUATORS.map((n) => `github/${n}`).join(', ')}` };
}

export function parseLlmEvaluator(value: unknown): Parsed<LlmEvaluatorDefinition> {
  const fields = value as Partial<Record<keyof LlmEvaluatorDefinition, unknown>> | null;
  if (typeof fields !== 'object' || fields === null) return { ok: false, message: 'an llm evaluator needs prompt and choices' };
  if (typeof fields.prompt !== 'string' || fields.prompt.trim() === '') return { ok: false, message: 'an llm evaluator needs a `prompt:` for the judge' };
  const choices = fields.choices;
  const valid = Array.isArray(choices) && choices.length > 0 && choices.every(isChoice);
  if (!valid) {
    return {
      ok: false,
      message: 'an llm evaluator needs `choices:`, a list like [{choice: "good", score: 1}, {choice: "bad", score: 0}], each score from 0 to 1 (GitHub\'s scale, which the pass mark is on)',
    };
  }
  const definition: LlmEvaluatorDefinition = { prompt: fields.prompt, choices: choices.map(({ choice, score }) => ({ choice: String(choice), score })) };
  if (typeof fields.modelId === 'string' && fields.modelId !== '') definition.modelId = fields.modelId;
  if (typeof fields.systemPrompt === 'string' && fields.systemPrompt !== '') definition.systemPrompt = fields.systemPrompt;
  return { ok: true, value: definition };
}

function isChoice(item: unknown): item is Choice {
  const fields = item as { choice?: unknown; score?: unknown } | null;
  const text = fields?.choice;
  // YAML reads `choice: 1` as a number; the judge answers with text, so both name the same choice.
  const choiceOk = (typeof text === 'string' && text.trim() !== '') || (typeof text === 'number' && Number.isFinite(text));
  return choiceOk && typeof fields?.score === 'number' && fields.score >= 0 && fields.score <= 1;
}
