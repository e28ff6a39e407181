// What the editor is shown, as the text of the editor prompt's placeholders: the file with line
// numbers, the critique verbatim, the targeted tests with their outputs and failing assertions, and
// a few passing tests it must not break. Outputs are capped so one runaway answer cannot crowd out
// the rest (or the model's context window).
import { truncate } from '../report/markdown-safe.js';
import { compactVars, failingAssertions, assertionLabel } from '../report/result-facts.js';
import type { RunReport, TestResult } from '../types.js';
import type { EditorVars } from './editor-prompt.js';
import { splitLines } from './lines.js';

const TARGET_OUTPUT_CHARS = 1500;
const MUST_KEEP_OUTPUT_CHARS = 400;
const MAX_MUST_KEEP_TESTS = 5;
const VARS_CHARS = 200;

export interface EditorContextInput {
  file: string;
  text: string;
  critique: string;
  targets: string[];
  focusLines?: { start: number; end: number };
  candidates: number;
  before: RunReport;
}

export function editorVars(input: EditorContextInput): EditorVars {
  const targets = new Set(input.targets);
  const results = input.before.results;
  const mustKeep = results.filter((result) => result.status === 'passed' && !targets.has(result.test)).slice(0, MAX_MUST_KEEP_TESTS);
  return {
    file: input.file,
    numberedPrompt: numbered(input.text),
    critique: input.critique,
    focus: describeFocus(input.text, input.focusLines),
    targets: results
      .filter((result) => targets.has(result.test))
      .map(describeTarget)
      .join('\n\n'),
    mustKeep: mustKeep.length === 0 ? '(none)' : mustKeep.map(describeMustKeep).join('\n\n'),
    candidates: String(input.candidates),
  };
}

/** `  7 | content: …`: the numbers let the editor read the reviewer's line references; finds must leave them out. */
export function numbered(text: string, from = 1, to = Number.POSITIVE_INFINITY): string {
  const lines = splitLines(text);
  const last = Math.min(lines.length, to);
  const width = String(last).length;
  const out: string[] = [];
  for (let number = from; number <= last; number++) {
    out.push(`${String(number).padStart(width)} | ${lines[number - 1]!.replace(/\r?\n$/, '')}`);
  }
  return out.join('\n');
}

function describeFocus(text: string, focus: EditorContextInput['focusLines']): string {
  if (!focus) return 'The reviewer did not point at particular lines.';
  const range = focus.start === focus.end ? `line ${focus.start}` : `lines ${focus.start}-${focus.end}`;
  return `The reviewer commented on ${range}:\n${numbered(text, focus.start, focus.end)}`;
}

function describeTarget(result: TestResult): string {
  const lines = [`Test "${result.test}" (line ${result.line}): ${statusWords(result)}`];
  if (Object.keys(result.vars).length > 0) lines.push(`Vars: ${compactVars(result.vars, VARS_CHARS)}`);
  lines.push('Output:', fenced(truncate(result.output, TARGET_OUTPUT_CHARS)));
  const failing = failingAssertions(result);
  if (failing.length > 0) {
    lines.push('Failing assertions:', ...failing.map((assertion) => `- ${assertionLabel(assertion)}: ${assertion.reason}`));
  }
  if (result.error !== undefined) lines.push(`Error: ${result.error}`);
  return lines.join('\n');
}

function describeMustKeep(result: TestResult): string {
  return [`Test "${result.test}" (line ${result.line}): passes; must keep passing`, 'Output:', fenced(truncate(result.output, MUST_KEEP_OUTPUT_CHARS))].join('\n');
}

function statusWords(result: TestResult): string {
  const samples = result.samples.length;
  const passed = result.samples.filter((sample) => sample.status === 'passed').length;
  const tally = samples > 1 ? ` (${passed} of ${samples} samples passed)` : '';
  return `${result.status}${tally}`;
}

/** Between markers the output cannot fake: the editor reads it as data, not as instructions. */
function fenced(output: string): string {
  return `<<<output\n${output.replace(/^>>>output$/gm, '> > >output')}\n>>>output`;
}
