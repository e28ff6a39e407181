// Grades a case's answer for the assertions that need a model: asks the judge (llm-rubric, GitHub
// Models evaluators) or compares embeddings (similar). Runs in the case's concurrency slot, through
// the run's CallSession (timeouts, retries, rate governors) and caches, and counts its calls apart
// from the model under test. A judge that errs or answers garbage makes the assertion `errored`,
// which makes the sample errored: never a silent pass or fail.
import { priceUsage, type Price } from '../cost/prices.js';
import { embeddingCacheKey, type CompletionCache, type EmbeddingCache } from '../run/cache.js';
import type { ChatProvider, CompletionRequest, EmbeddingAttempt, EmbeddingProvider } from '../run/provider.js';
import { completeCached } from '../run/cached-completion.js';
import { newCounters, type CallCounters, type CallSession } from '../run/caller.js';
import type { GradedCase } from '../run/score.js';
import { renderTemplate } from '../template.js';
import type { Assertion, AssertionResult, CallOutcome, Case, ChatMessage, Completion, JudgeUsage, ModelParameters, Suite, TokenUsage } from '../types.js';
import { cosineSimilarity } from './cosine.js';
import type { JudgePrompts } from './judge-prompts.js';
import {
  isGradedKind,
  parseGitHubEvaluator,
  parseLlmEvaluator,
  parseReferences,
  type GitHubEvaluatorName,
  type LlmEvaluatorDefinition,
} from '../assert/graded-kinds.js';
import { matchChoice, readRating, readRubricVerdict, type Read } from './verdicts.js';

export interface GradingSetup {
  judge: {
    provider: ChatProvider;
    /** Replaces every judge's model (the rubric file's, an evaluator's modelId, the model under test). */
    model?: string;
    /** Laid over each judge prompt's own parameters. */
    parameters: ModelParameters;
  };
  /** `defaultThreshold`: for `similar` without one, on this model's scale. */
  embeddings: { provider: EmbeddingProvider; model: string; defaultThreshold: number };
  prompts: JudgePrompts;
  /** GitHub Models evaluators pass at this score (0..1) or above; 0.75 is 4 of 5. */
  githubPassScore: number;
  cache?: CompletionCache;
  embeddingCache?: EmbeddingCache;
  prices: Readonly<Record<string, Price>>;
}

/** Scores a hair below a pass mark computed as (4 - 1) / 4 must still pass. */
const EPSILON = 1e-9;

type Embedded = Extract<EmbeddingAttempt, { ok: true }>;

type Grade = { pass: boolean; score: number; reason: string } | { errored: string };

export function needsGrading(testCase: Case): boolean {
  return testCase.assert.some((assertion) => isGradedKind(assertion.baseType));
}

export class Grader {
  /** Grading calls only; the model under test has its own counters. */
  readonly counters: CallCounters = newCounters();

  constructor(private readonly setup: GradingSetup) {}

  /** Undefined when the call failed (nothing to grade) or no assertion of the case needs a model. */
  async grade(testCase: Case, outcome: CallOutcome, session: CallSession): Promise<GradedCase | undefined> {
    if (!outcome.ok || !needsGrading(testCase)) return undefined;
    const job = new GradingJob(this.setup, this.counters, session, testCase, outcome.completion);
    const results: (AssertionResult | undefined)[] = [];
    // One after another: the case holds one concurrency slot, so its grading calls must not fan out.
    for (const assertion of testCase.assert) {
      results.push(isGradedKind(assertion.baseType) ? toResult(assertion, await job.grade(assertion)) : undefined);
    }
    return { results, usage: job.usage, unpriced: [...job.unpriced] };
  }
}

class GradingJob {
  readonly usage: JudgeUsage = { calls: 0, tokens: { prompt: 0, completion: 0, total: 0 } };
  readonly unpriced = new Set<string>();

  constructor(
    private readonly setup: GradingSetup,
    private readonly counters: CallCounters,
    private readonly session: CallSession,
    private readonly testCase: Case,
    private readonly completion: Completion,
  ) {}

  private get output(): string {
    return this.completion.output;
  }

  async grade(assertion: Assertion): Promise<Grade> {
    switch (assertion.baseType) {
      case 'llm-rubric':
        return this.rubric(assertion);
      case 'github-evaluator':
        return this.githubEvaluator(assertion);
      case 'llm-evaluator':
        return this.llmEvaluator(assertion);
      case 'similar':
        return this.similar(assertion);
      default:
        return { errored: `${assertion.type} is not a graded assertion` };
    }
  }

  private async rubric(assertion: Assertion): Promise<Grade> {
    const loaded = await this.setup.prompts.rubric();
    if (!loaded.ok) return { errored: loaded.reason };
    const prompt = loaded.suite;
    const rubric = typeof assertion.value === 'string' ? assertion.value : '';
    const verdict = await this.askJudge(prompt, { rubric, output: this.output, input: lastUserMessage(this.testCase.messages) }, readRubricVerdict);
    if (!verdict.ok) return { errored: verdict.reason };
    const { score, reason } = verdict.value;
    const threshold = assertion.threshold;
    const pass = threshold === undefined ? verdict.value.pass : score + EPSILON >= threshold;
    const mark = threshold === undefined ? `score ${formatScore(score)}` : `score ${formatScore(score)}, needs ${formatScore(threshold)}`;
    const expectation = `expected output to meet the rubric ${quote(rubric)}`;
    return { pass, score, reason: pass ? `${expectation} (${mark})` : `${expectation}; the judge: ${reason || 'no reason given'} (${mark})` };
  }

  private async githubEvaluator(assertion: Assertion): Promise<Grade> {
    const parsed = parseGitHubEvaluator(assertion.value);
    if (!parsed.ok) return { errored: parsed.message };
    const name: GitHubEvaluatorName = parsed.value;
    const loaded = await this.setup.prompts.github(name);
    if (!loaded.ok) return { errored: loaded.reason };
    const prompt = loaded.suite;
    // The loader refuses rows without `expected` for the built-ins that compare with it.
    const vars = this.testCase.test.vars;
    const input = vars.input === undefined ? lastUserMessage(this.testCase.messages) : vars.input;
    const rating = await this.askJudge(prompt, { input, output: this.output, expected: vars.expected ?? '' }, readRating);
    if (!rating.ok) return { errored: rating.reason };
    // GitHub's own scale: ratings 1..5 score 0, 0.25, 0.5, 0.75, 1.
    const score = (rating.value.rating - 1) / 4;
    const pass = score + EPSILON >= this.setup.githubPassScore;
    const passMark = formatScore(1 + 4 * this.setup.githubPassScore);
    const verdict = `rated ${rating.value.rating} of 5 for ${name}, passing at ${passMark}`;
    return { pass, score, reason: pass ? verdict : `${verdict}; the judge: ${rating.value.reason || 'no reason given'}` };
  }

  private async llmEvaluator(assertion: Assertion): Promise<Grade> {
    const parsed = parseLlmEvaluator(assertion.value);
    if (!parsed.ok) return { errored: parsed.message };
    const definition: LlmEvaluatorDefinition = parsed.value;
    // GitHub's convention: the row's values plus the answer as {{completion}}.
    const vars = { ...this.testCase.test.vars, completion: this.output };
    const messages: ChatMessage[] = [];
    if (definition.systemPrompt) messages.push({ role: 'system', content: definition.systemPrompt });
    messages.push({ role: 'user', content: renderTemplate(definition.prompt, vars) });
    const model = this.setup.judge.model ?? definition.modelId ?? this.testCase.model;
    const choice = await this.chat({ model, messages, parameters: { ...this.setup.judge.parameters } }, (answer) => matchChoice(answer, definition.choices));
    if (!choice.ok) return { errored: choice.reason };
    const { score } = choice.value;
    const pass = score + EPSILON >= this.setup.githubPassScore;
    return { pass, score, reason: `the judge chose "${choice.value.choice}", scoring ${formatScore(score)}; it passes at ${formatScore(this.setup.githubPassScore)}` };
  }

  private async similar(assertion: Assertion): Promise<Grade> {
    const references = parseReferences(assertion.value);
    if (!references.ok) return { errored: references.message };
    const threshold = assertion.threshold ?? this.setup.embeddings.defaultThreshold;
    const shown = references.value.length === 1 ? quote(references.value[0]!) : `any of ${references.value.map(quote).join(', ')}`;
    const expectation = `expected output ${assertion.negate ? 'not ' : ''}to mean the same as ${shown} (cosine similarity ${assertion.negate ? 'below' : 'at least'} ${formatScore(threshold)})`;
    // Embedding an empty text is an error on most endpoints, and an empty answer means nothing.
    const best =
      this.output.trim() === ''
        ? { ok: true as const, value: 0 }
        : await this.bestSimilarity(this.output, references.value);
    if (!best.ok) return { errored: best.reason };
    const similarity = best.value;
    const close = similarity + EPSILON >= threshold;
    const pass = assertion.negate ? !close : close;
    return { pass, score: Math.max(0, Math.min(1, similarity)), reason: pass ? expectation : `${expectation}, got ${formatScore(similarity)}` };
  }

  private async bestSimilarity(output: string, references: string[]): Promise<{ ok: true; value: number } | { ok: false; reason: string }> {
    const vectors = await this.embed([output, ...references]);
    if (!vectors.ok) return vectors;
    const [outputVector, ...referenceVectors] = vectors.value;
    const similarities = referenceVectors.map((vector) => cosineSimilarity(outputVector!, vector));
    if (similarities.some((value) => Number.isNaN(value))) {
      return { ok: false, reason: 'the embeddings could not be compared (vectors of different lengths, or all zeros)' };
    }
    return { ok: true, value: Math.max(...similarities) };
  }

  private async askJudge<T>(prompt: Suite, vars: Record<string, unknown>, read: (answer: string) => Read<T>): Promise<Read<T>> {
    const messages = prompt.messages.map((message) => ({ role: message.role, content: renderTemplate(message.content, vars) }));
    const model = this.setup.judge.model ?? prompt.model ?? this.testCase.model;
    return this.chat({ model, messages, parameters: { ...prompt.modelParameters, ...this.setup.judge.parameters } }, read);
  }

  /** Asks the judge and reads its answer; only an answer that reads as a verdict is cached, so garbage is asked again next run. */
  private async chat<T>(request: CompletionRequest, read: (answer: string) => Read<T>): Promise<Read<T>> {
    this.usage.calls++;
    // The same question gets the same verdict: one sample per question, whatever the case's sample.
    const answer = await completeCached(this.setup.judge.provider, { ...request, sample: 0 }, {
      session: this.session,
      counters: this.counters,
      ...(this.setup.cache ? { cache: this.setup.cache } : {}),
    });
    if (!answer.ok) return { ok: false, reason: `the judge (${request.model}) could not be asked: ${answer.failure.message}` };
    const { completion } = answer;
    this.addUsage(request.model, completion.usage);
    if (completion.finishReason === 'length') {
      return { ok: false, reason: `the judge's answer was cut off at its token limit; raise the judge's maxTokens in promptgate.config.yaml` };
    }
    const verdict = read(completion.output);
    if (verdict.ok) await answer.remember();
    return verdict;
  }

  private async embed(texts: string[]): Promise<{ ok: true; value: number[][] } | { ok: false; reason: string }> {
    const { provider, model } = this.setup.embeddings;
    const cache = this.setup.embeddingCache;
    this.usage.calls++;
    const vectors: (number[] | undefined)[] = await Promise.all(
      texts.map((text) => (cache ? cache.get(embeddingCacheKey(provider.id, model, text, this.session.redact)).catch(() => undefined) : undefined)),
    );
    const missing = [...new Set(texts.filter((_, index) => vectors[index] === undefined))];
    if (missing.length === 0) {
      this.counters.cacheHits++;
      return { ok: true, value: vectors as number[][] };
    }
    const result = await this.session.call<Embedded>(
      { endpoint: provider.id, model },
      async (signal) => {
        const attempt = await provider.embed({ model, input: missing }, signal);
        return attempt.ok ? { ok: true, value: attempt } : attempt;
      },
      this.counters,
    );
    if (!result.ok) return { ok: false, reason: `the embeddings (${model} at ${provider.id}) could not be fetched: ${result.failure.message}` };
    const fetched = new Map(missing.map((text, index) => [text, result.value.vectors[index]!]));
    if (result.value.usage) this.addUsage(model, { prompt: result.value.usage.prompt, completion: 0, total: result.value.usage.total });
    if (cache) await Promise.all([...fetched].map(([text, vector]) => cache.set(embeddingCacheKey(provider.id, model, text, this.session.redact), vector).catch(() => undefined)));
    return { ok: true, value: texts.map((text, index) => vectors[index] ?? fetched.get(text)!) };
  }

  private addUsage(model: string, usage: TokenUsage | undefined): void {
    if (!usage) return;
    // An offline model reports no tokens: known to cost nothing, not unpriced.
    if (usage.total === 0) {
      this.usage.cost ??= 0;
      return;
    }
    const tokens = this.usage.tokens;
    tokens.prompt += usage.prompt;
    tokens.completion += usage.completion;
    tokens.total += usage.total;
    const cost = priceUsage(model, usage, this.setup.prices);
    if (cost === undefined) this.unpriced.add(model);
    else this.usage.cost = (this.usage.cost ?? 0) + cost;
  }
}

function toResult(assertion: Assertion, grade: Grade): AssertionResult {
  const result: AssertionResult = 'errored' in grade
    ? { type: assertion.type, pass: false, score: 0, reason: grade.errored, errored: true }
    : { type: assertion.type, pass: grade.pass, score: grade.score, reason: grade.reason };
  if (assertion.name !== undefined) result.name = assertion.name;
  if (assertion.span) result.line = assertion.span.start.line;
  return result;
}

function lastUserMessage(messages: ChatMessage[]): string {
  return messages.findLast((message) => message.role === 'user')?.content ?? '';
}

function formatScore(score: number): string {
  return String(Math.round(score * 100) / 100);
}

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine);
}
