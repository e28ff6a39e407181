// The only place that reads the Action's inputs: each is read once, checked and turned into the
// typed settings below, so a mistake in the workflow shows up as one clear message before any work.
import { getInput, setSecret } from './runner-io.js';
import { MAX_COMMENTS, MAX_CONCURRENCY, MAX_MODEL_CALLS, MAX_REPEAT } from '../limits.js';
import { InputError } from './input-error.js';
import { parseRate, RATE_EXPECTED } from '../settings/rate.js';

export type FailOn = 'failure' | 'regression' | 'never';
export type CommentMode = 'review' | 'summary' | 'none';

export interface ActionInputs {
  /** Files, directories or globs of prompt files, relative to the workspace. */
  prompts: string[];
  /** Empty when no key was given (e.g. secrets are withheld from fork pull requests). */
  apiKey: string;
  /** OpenAI-compatible endpoint; undefined → promptgate.config.yaml's, else OpenAI's. */
  baseUrl?: string;
  /** Overrides the model named in every prompt file. */
  model?: string;
  /** Token for the GitHub API; empty means nothing can be read from or posted to the pull request. */
  githubToken: string;
  /** What makes the step fail. */
  failOn: FailOn;
  /** What is posted on a pull request. */
  comment: CommentMode;
  /** Inline review comments per run at most; the rest go into the review body. */
  maxComments: number;
  /** Model requests in flight at most; undefined → config file, else the CLI's default. */
  concurrency?: number;
  /** Samples per test, overriding each test's `repeat`. */
  repeat?: number;
  /** Cache of model answers, relative to the workspace; undefined turns caching off. */
  cacheDir?: string;
  /** Overall pass rate (0–1) below which the run fails, even when each test met its own bar. */
  minPassRate?: number;
  /** Model for every judge call; undefined → promptgate.config.yaml's `judge.model`, else each judge's own. */
  judgeModel?: string;
  /** Endpoint for judge calls; undefined → promptgate.config.yaml's `judge.baseUrl`, else the model under test's. */
  judgeBaseUrl?: string;
  /** Key for the judge endpoint; empty when none was given (the config's key variable, or `apiKey`, is used then). */
  judgeApiKey: string;
  /** Names this job among several promptgate jobs on one pull request; undefined when not set. */
  id?: string;
  /**
   * An earlier run's results file, relative to the workspace: what a release (or any run outside a
   * pull request) is gated against instead of the previous release. Undefined when not set.
   */
  baseline?: string;
}

/** Inputs that only matter when a comment asks for a suggested prompt edit. */
export interface SuggestInputs {
  /** The word that starts a command, e.g. `/promptgate`. */
  trigger: string;
  /** Candidate edits the editor model proposes per request. */
  candidates: number;
  /** Model calls one request may spend at most, the editor's and the verification runs' together. */
  budget: number;
  /** Model that writes the candidate edits; undefined → the core's default. */
  editorModel?: string;
}

const FAIL_ON: readonly FailOn[] = ['failure', 'regression', 'never'];
const COMMENT: readonly CommentMode[] = ['review', 'summary', 'none'];

export function getInputs(): ActionInputs {
  // First of all, so the key is masked in every log line that follows, including our own errors.
  const apiKey = getInput('api-key');
  if (apiKey !== '') setSecret(apiKey);
  const judgeApiKey = getInput('judge-api-key');
  if (judgeApiKey !== '') setSecret(judgeApiKey);
  const githubToken = getInput('github-token');
  if (githubToken !== '') setSecret(githubToken);

  const prompts = listInput('prompts');
  return {
    prompts: prompts.length > 0 ? prompts : ['.'],
    apiKey,
    baseUrl: urlInput('base-url'),
    model: optional('model'),
    githubToken,
    failOn: choiceInput('fail-on', FAIL_ON, 'failure'),
    comment: choiceInput('comment', COMMENT, 'review'),
    maxComments: integerInput('max-comments', 0, MAX_COMMENTS) ?? 30,
    concurrency: integerInput('concurrency', 1, MAX_CONCURRENCY),
    repeat: integerInput('repeat', 1, MAX_REPEAT),
    cacheDir: optional('cache-dir'),
    minPassRate: rateInput('min-pass-rate'),
    judgeModel: optional('judge-model'),
    judgeBaseUrl: urlInput('judge-base-url'),
    judgeApiKey,
    id: idInput('id'),
    baseline: optional('baseline'),
  };
}

/** Read separately from getInputs, so the inputs of an ordinary run stay exactly what they were. */
export function getSuggestInputs(): SuggestInputs {
  const trigger = getInput('trigger').trim() || '/promptgate';
  if (/\s/.test(trigger)) throw new InputError(`input "trigger" is "${trigger}"; expected one word such as /promptgate`);
  const candidates = integerInput('suggest-candidates', 1, Number.MAX_SAFE_INTEGER) ?? 3;
  if (candidates > MAX_CANDIDATES) {
    throw new InputError(`input "suggest-candidates" is ${candidates}; expected at most ${MAX_CANDIDATES} (each candidate is verified by running the tests)`);
  }
  return {
    trigger,
    candidates,
    budget: integerInput('suggest-budget', 1, MAX_MODEL_CALLS) ?? 100,
    editorModel: optional('editor-model'),
  };
}

/** More candidates than this cost more than they find: each one is a full run of the target tests. */
const MAX_CANDIDATES = 10;

function optional(name: string): string | undefined {
  const value = getInput(name);
  return value === '' ? undefined : value;
}

/** Newline- or comma-separated, as YAML block scalars and one-liners both read naturally. */
function listInput(name: string): string[] {
  return getInput(name)
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function choiceInput<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = getInput(name).toLowerCase();
  if (value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError(`input "${name}" is "${value}"; expected one of: ${choices.join(', ')}`);
}

/** `max` comes from src/limits.ts: past it a number is a typo, and some (repeat) would exhaust the runner's memory. */
function integerInput(name: string, min: number, max: number): number | undefined {
  const value = getInput(name);
  if (value === '') return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min) {
    throw new InputError(`input "${name}" is "${value}"; expected a whole number of at least ${min}`);
  }
  if (number > max) throw new InputError(`input "${name}" is ${value}; expected at most ${max}`);
  return number;
}

function rateInput(name: string): number | undefined {
  const value = getInput(name);
  if (value === '') return undefined;
  const number = parseRate(value);
  if (number === undefined) throw new InputError(`input "${name}" is "${value}"; expected ${RATE_EXPECTED}`);
  return number;
}

/** Shown in headings, so one short line. */
function idInput(name: string): string | undefined {
  const value = getInput(name);
  if (value === '') return undefined;
  if (/[\r\n]/.test(value) || value.length > MAX_ID_CHARS) {
    throw new InputError(`input "${name}" must be one line of at most ${MAX_ID_CHARS} characters, such as \`support-prompts\` or \`\${{ matrix.model }}\``);
  }
  return value;
}

const MAX_ID_CHARS = 100;

function urlInput(name: string): string | undefined {
  const value = getInput(name);
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`input "${name}" is not a URL; expected something like https://api.openai.com/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`input "${name}" must be an http(s) URL, not ${url.protocol}`);
  }
  return value;
}
