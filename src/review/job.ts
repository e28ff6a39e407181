// Which promptgate job said what. A workflow may run promptgate more than once on a pull request
// (different `prompts` selections, a matrix over models); each job finds, updates and marks fixed
// only its own comments, and keeps its own summary. The identity is a hash of what the workflow
// file sets, so the same job gets the same identity on every re-run and push, and the hidden
// markers never carry the values themselves.
import { createHash } from 'node:crypto';

export interface JobSettings {
  /** The Action's `id` input, as written; undefined when not set. */
  id?: string;
  /** The Action's `model` input; undefined when not set. */
  model?: string;
  /** The Action's `prompts` input, one entry per file, directory or glob. */
  prompts: string[];
}

export interface JobIdentity {
  /** 12 hex digits, written into every hidden marker of the job. */
  key: string;
  /** Tells the job's summary and reviews apart from other jobs'; undefined for a job that sets none of id, model, prompts. */
  label?: string;
  /**
   * Comments from versions without job identities are this job's (on the files it selects): true
   * for a job without an `id`, which is what such a workflow was running.
   */
  adoptsUnmarked: boolean;
}

/** What `prompts` is when the input is empty. */
const DEFAULT_SELECTION = ['.'];
const LABEL_MAX_CHARS = 100;

export function jobIdentity(settings: JobSettings): JobIdentity {
  const id = settings.id?.trim() || undefined;
  const model = settings.model?.trim() || undefined;
  // Order and repeats in the input do not make another job.
  const prompts = [...new Set(settings.prompts.map((entry) => entry.trim()).filter((entry) => entry !== ''))].sort();
  const selection = prompts.length > 0 ? prompts : DEFAULT_SELECTION;
  const material = JSON.stringify(['promptgate-job-1', id ?? null, model ?? null, selection]);
  const key = createHash('sha256').update(material).digest('hex').slice(0, 12);
  const label = id ?? labelOf(model, selection);
  return { key, ...(label !== undefined ? { label: label.slice(0, LABEL_MAX_CHARS) } : {}), adoptsUnmarked: id === undefined };
}

function labelOf(model: string | undefined, selection: string[]): string | undefined {
  const parts = [...(model ? [model] : []), ...(selection.join() === DEFAULT_SELECTION.join() ? [] : [selection.join(', ')])];
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
