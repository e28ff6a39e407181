// The reply to a reviewer's critique, as GitHub-flavoured Markdown: what was verified (each
// targeted test's pass counts before and after and its verdict, and that no other test regressed),
// the verified edit as a suggestion GitHub can commit (or a diff), why it changed, a before/after
// table of every test in the file, the assertion that captures the critique, and what it cost. An
// edit that breaks nothing but that nothing shows to answer the critique is called exactly that,
// never "Verified", and shown as a diff, never as a suggestion. Everything a model wrote is
// neutralised; file content only ever appears inside fences sized to it.
import { escapeTableCell, fenceCode, inlineCode, neutralizeMarkdown, truncate } from '../report/markdown-safe.js';
import { formatCount, formatDuration, plural } from '../report/numbers.js';
import { DEFAULT_COMPARE_SETTINGS } from '../compare/design.js';
import type { RunReport, TestResult } from '../types.js';
import { unifiedDiff } from './line-diff.js';
import { suggestionBlock } from './suggestion-block.js';
import type { CandidateVerdict, Spent, SuggestOutcome, TestCheck } from './types.js';
import { count, describeChange, describeMethod, describeVerified } from './verification.js';

/** GitHub refuses comment bodies over 65,536 characters; leave room for a caller's marker or footer. */
export const DEFAULT_MAX_REPLY_CHARS = 60_000;
const RATIONALE_CHARS = 1500;
const SHORT_RATIONALE_CHARS = 300;
const REASON_CHARS = 300;

export type Placement = { kind: 'suggestion'; startLine: number; endLine: number } | { kind: 'diff' };

export interface ReplyOptions {
  file: string;
  placement: Placement;
  maxChars?: number;
  /** The file's current text; default: the outcome's `originalText`. */
  text?: string;
}

export function renderSuggestionReply(outcome: SuggestOutcome, options: ReplyOptions): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX_REPLY_CHARS;
  switch (outcome.kind) {
    case 'failed':
      return truncate(`**promptgate** could not suggest an edit to ${inlineCode(options.file)}: ${sentence(outcome.reason)}`, maxChars);
    case 'verified':
      return fit(verifiedSections(outcome, options), maxChars);
    case 'unverified':
      return fit(unverifiedSections(outcome, options), maxChars);
  }
}

/** One part of the reply; when the whole does not fit, optional parts shrink to their fallback or go. */
interface Section {
  text: string;
  /** Kept whatever the length (the code block falls back to a note if even that is too long). */
  required?: boolean;
  fallback?: string;
}

type VerifiedOutcome = Extract<SuggestOutcome, { kind: 'verified' }>;
type UnverifiedOutcome = Extract<SuggestOutcome, { kind: 'unverified' }>;

function verifiedSections(outcome: VerifiedOutcome, options: ReplyOptions): Section[] {
  const { chosen, before } = outcome;
  const file = inlineCode(options.file);
  const oldText = originalText(outcome, options, chosen);
  const sections: Section[] = [{ required: true, text: `**promptgate** suggests this edit to ${file}. ${verifiedClaim(chosen)}` }];
  sections.push(
    oldText === undefined || chosen.newText === undefined
      ? { required: true, text: '(The edit cannot be shown: the file as it was is unknown to this reply.)' }
      : codeSection(oldText, chosen.newText, options),
  );
  sections.push(rationaleSection(chosen));
  sections.push(tableSection(before, chosen));
  if (chosen.assertion?.kept && chosen.assertion.notAddable === undefined) sections.push(assertionSection(chosen.assertion));
  sections.push({ required: true, text: spentLine(outcome.spent, outcome.candidates.length, chosen) });
  return sections;
}

function unverifiedSections(outcome: UnverifiedOutcome, options: ReplyOptions): Section[] {
  if (outcome.best?.safe) return unprovenSections(outcome, outcome.best, options);
  const file = inlineCode(options.file);
  const sections: Section[] = [
    { required: true, text: `**promptgate** could not verify an edit to ${file}. ❌ **No candidate passed verification**, so nothing is suggested for committing.` },
  ];
  const best = outcome.best;
  const oldText = best ? originalText(outcome, options, best) : undefined;
  if (best?.newText !== undefined && oldText !== undefined) {
    const diff = unifiedDiff(options.file, oldText, best.newText);
    sections.push({
      required: true,
      text: `The closest attempt was candidate ${best.index + 1} (**not verified**; do not apply it as it is):\n\n${fenceCode(diff, 'diff')}`,
      fallback: `The closest attempt was candidate ${best.index + 1} (**not verified**); its diff is too long to show here.`,
    });
    sections.push({ text: `It fails verification because:\n${reasonList(best.reasons)}`, fallback: `It fails verification because: ${safeReason(best.reasons[0] ?? '')}` });
    sections.push(rationaleSection(best));
    sections.push(tableSection(outcome.before, best));
  }
  sections.push({ text: `Candidates checked:\n${candidateList(outcome.candidates)}`, fallback: `${plural(outcome.candidates.length, 'candidate')} checked.` });
  sections.push({ required: true, text: spentLine(outcome.spent, outcome.candidates.length) });
  return sections;
}

/**
 * A safe edit nothing shows to answer the critique: said in the headline instead of "Verified",
 * with what was checked, shown as a diff (never a one-click suggestion) and with what would make
 * the critique testable.
 */
function unprovenSections(outcome: UnverifiedOutcome, best: CandidateVerdict, options: ReplyOptions): Section[] {
  const file = inlineCode(options.file);
  const checked = [...describeVerified(best.checks ?? []), best.critique?.reason ?? 'not shown to address the critique'].map((line) => `- ${safeReason(line)}`);
  const sections: Section[] = [
    {
      required: true,
      text: `**promptgate** found an edit to ${file} that breaks no test, but ⚠️ **nothing shows it addresses the critique**, so it is not verified and nothing is offered for committing. What was checked, side by side with the file as it is:\n${checked.join('\n')}`,
    },
  ];
  const oldText = originalText(outcome, options, best);
  if (best.newText !== undefined && oldText !== undefined) {
    const diff = unifiedDiff(options.file, oldText, best.newText);
    sections.push({
      required: true,
      text: `Candidate ${best.index + 1} (**not verified**; apply it only if you have checked yourself that it answers the critique):\n\n${fenceCode(diff, 'diff')}`,
      fallback: `Candidate ${best.index + 1} (**not verified**); its diff is too long to show here.`,
    });
  }
  sections.push({ required: true, text: UNPROVEN_HINT });
  sections.push(rationaleSection(best));
  sections.push(tableSection(outcome.before, best));
  sections.push({ text: `Candidates checked:\n${candidateList(outcome.candidates)}`, fallback: `${plural(outcome.candidates.length, 'candidate')} checked.` });
  sections.push({ required: true, text: spentLine(outcome.spent, outcome.candidates.length) });
  return sections;
}

/** What makes a critique testable when the targeted tests already pass. */
const UNPROVEN_HINT =
  'To have an edit verified for this critique, add to a targeted test an assertion that fails on the current output for what the critique asks (or target a test that already fails for it), then ask again.';

function codeSection(oldText: string, newText: string, options: ReplyOptions): Section {
  const tooLong = 'The edit is too long to show in a comment; run `promptgate suggest` on this file to see it.';
  if (options.placement.kind === 'suggestion') {
    const { startLine, endLine } = options.placement;
    const block = suggestionBlock(oldText, newText, startLine, endLine);
    if (block.ok) return { required: true, text: block.block, fallback: tooLong };
    // A block that could not reproduce the verified file byte for byte must not be offered for committing.
    return { required: true, text: `${diffBlock(options.file, oldText, newText)}\n\n(Shown as a diff: ${block.reason}.)`, fallback: tooLong };
  }
  return { required: true, text: diffBlock(options.file, oldText, newText), fallback: tooLong };
}

function diffBlock(file: string, oldText: string, newText: string): string {
  return `${fenceCode(unifiedDiff(file, oldText, newText), 'diff')}\nApply it with \`git apply\` (save the block as a \`.patch\` file first), or make the change by hand.`;
}

function rationaleSection(candidate: CandidateVerdict): Section {
  const text = (rationale: string) => `**Why:** ${neutralizeMarkdown(rationale)}`;
  return { text: text(truncate(candidate.rationale, RATIONALE_CHARS)), fallback: text(truncate(candidate.rationale, SHORT_RATIONALE_CHARS)) };
}

/** What the verification showed, with the counts; the claim is no more than the checks support. */
function verifiedClaim(chosen: CandidateVerdict): string {
  if (!chosen.checks) return '✅ **Verified.**';
  const falseAlarmRate = chosen.after?.summary.comparison?.falseAlarmRate ?? DEFAULT_COMPARE_SETTINGS.falseAlarmRate;
  const lines = describeVerified(chosen.checks, chosen.critique).map((line) => `- ${neutralizeMarkdown(line)}`);
  return `✅ **Verified** side by side with the file as it is, every test sampled on both:
${lines.join('\n')}

${describeMethod(falseAlarmRate)}`;
}

function tableSection(before: RunReport, candidate: CandidateVerdict): Section {
  if (candidate.checks) return checksTable(candidate.checks);
  const after = candidate.after;
  const rows = before.results.map((old) => {
    const now = after?.results.find((result) => result.test === old.test);
    return `| ${escapeTableCell(neutralizeMarkdown(old.test))} | ${statusCell(old)} | ${now ? statusCell(now) : '—'} |`;
  });
  const text = ['| test | before | after |', '| --- | --- | --- |', ...rows].join('\n');
  return { text, fallback: `(The before/after table of ${plural(rows.length, 'test')} is left out to fit the comment.)` };
}

/** Passes of the samples each side, a test's own rule deciding the mark, and the comparison's verdict. */
function checksTable(checks: readonly TestCheck[]): Section {
  const cell = (pass: TestCheck['before'], passes: boolean) => (pass.samples === 0 ? '⚠️ no answer' : `${passes ? '✅' : '❌'} ${count(pass)}`);
  const rows = checks.map((check) => {
    const name = `${escapeTableCell(neutralizeMarkdown(check.test))}${check.targeted ? ' (targeted)' : ''}`;
    return `| ${name} | ${cell(check.before, check.passedBefore)} | ${cell(check.after, check.passesAfter)} | ${describeChange(check)} |`;
  });
  const text = ['| test | before | after | verdict |', '| --- | --- | --- | --- |', ...rows].join('\n');
  return { text, fallback: `(The before/after table of ${plural(rows.length, 'test')} is left out to fit the comment.)` };
}

function statusCell(result: TestResult): string {
  const icon = result.status === 'passed' ? '✅' : result.status === 'failed' ? '❌' : '⚠️';
  const samples = result.samples.length;
  const passed = result.samples.filter((sample) => sample.status === 'passed').length;
  return `${icon} ${result.status}${samples > 1 ? ` (${passed}/${samples})` : ''}`;
}

function assertionSection(assertion: NonNullable<CandidateVerdict['assertion']>): Section {
  const where = assertion.test === undefined ? 'the targeted test' : `test ${inlineCode(assertion.test)}`;
  const evidence =
    assertion.before && assertion.after
      ? `It passes ${count(assertion.before)} samples before the edit and ${count(assertion.after)} after`
      : 'It fails on the old output and passes on the new one';
  const intro = `To keep the critique from coming back, add this assertion under ${where}'s \`assert:\`. ${evidence}:`;
  return { text: `${intro}\n\n${fenceCode(assertion.yaml + '\n', 'yaml')}`, fallback: '(A suggested assertion is left out to fit the comment.)' };
}

function spentLine(spent: Spent, checked: number, chosen?: CandidateVerdict): string {
  const parts = [
    `Spent ${plural(spent.modelCalls, 'model call')}, ${formatDuration(spent.ms)}, ${formatCount(spent.tokens)} tokens`,
    `${plural(checked, 'candidate')} checked`,
  ];
  if (chosen) parts.push(`candidate ${chosen.index + 1} chosen`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

function reasonList(reasons: string[]): string {
  return reasons.map((reason) => `- ${safeReason(reason)}`).join('\n');
}

function candidateList(candidates: CandidateVerdict[]): string {
  if (candidates.length === 0) return '- (none)';
  return candidates
    .map((candidate) => `${candidate.index + 1}. ${candidate.verified ? 'verified' : safeReason(candidate.reasons.join('; ') || 'not verified')}`)
    .join('\n');
}

/** Reasons quote model output and the model's find text: neutralised, on one line, capped. */
function safeReason(reason: string): string {
  return neutralizeMarkdown(truncate(reason.replace(/\s*\r?\n\s*/g, ' '), REASON_CHARS));
}

function sentence(reason: string): string {
  const text = safeReason(reason);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The file as it was. Outcomes from suggestEdit carry it; for one built by hand, the candidate's
 * edits are undone when each replacement occurs exactly once in the new text.
 */
function originalText(outcome: VerifiedOutcome | UnverifiedOutcome, options: ReplyOptions, candidate: CandidateVerdict): string | undefined {
  if (options.text !== undefined) return options.text;
  if (outcome.originalText !== undefined) return outcome.originalText;
  let text = candidate.newText;
  for (const edit of [...candidate.edits].reverse()) {
    if (text === undefined || edit.replace === '') return undefined;
    const at = text.indexOf(edit.replace);
    if (at < 0 || text.indexOf(edit.replace, at + 1) >= 0) return undefined;
    text = text.slice(0, at) + edit.find + text.slice(at + edit.replace.length);
  }
  return text;
}

function fit(sections: Section[], maxChars: number): string {
  const separator = '\n\n';
  const chosen = sections.map((section) => (section.required ? section.text : undefined));
  const length = () => chosen.reduce((sum, text) => sum + (text === undefined ? 0 : text.length + separator.length), 0);
  // Required parts that are too long shrink to their fallback (the code block to a note).
  sections.forEach((section, index) => {
    if (section.required && length() > maxChars && section.fallback !== undefined) chosen[index] = section.fallback;
  });
  sections.forEach((section, index) => {
    if (section.required) return;
    for (const candidate of [section.text, section.fallback]) {
      if (candidate === undefined) continue;
      chosen[index] = candidate;
      if (length() <= maxChars) return;
      chosen[index] = undefined;
    }
  });
  return truncate(chosen.filter((text): text is string => text !== undefined).join(separator), maxChars);
}
