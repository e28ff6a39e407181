// The short answers promptgate gives instead of a suggestion: refusals, hints and reasons why it
// cannot help. One line each, polite, and saying what to do. Every value that came from a person,
// a prompt file or a server is put in inline code or neutralised.
import { inlineCode } from '../../report/markdown-safe.js';
import type { Problem } from '../../types.js';
import { runLink, safeLine, shortSha } from '../../review/text.js';
import { SUGGEST_VERB } from './command.js';

export function notAllowed(): string {
  return 'Sorry — only people with write, maintain or admin access to this repository can ask promptgate for prompt suggestions.';
}

export function emptyCritiqueOnLines(trigger: string): string {
  return `Say what is wrong after ${inlineCode(trigger)}, e.g. ${inlineCode(`${trigger} the reply must apologise when an order is late`)}, and promptgate will suggest a tested edit.`;
}

export function emptyCritiqueInReply(): string {
  return 'Reply with what is wrong with the prompt (e.g. “it should say the refund window in days”), and promptgate will suggest a tested edit.';
}

export function conversationUsage(trigger: string): string {
  return `Usage: ${inlineCode(`${trigger} ${SUGGEST_VERB} <what is wrong with the prompt>`)} — promptgate then suggests tested edits for the prompt files whose tests fail.`;
}

export function outdatedLines(): string {
  return 'These lines are no longer in the diff (the comment is outdated); comment on the current version’s lines instead.';
}

export function baseSideLines(): string {
  return 'This comment is on the old version’s lines; comment on the new version’s (right-hand) lines to get a suggestion.';
}

export function notAPromptFile(path: string): string {
  return `${inlineCode(path)} is not a prompt file that promptgate runs here (see the ${inlineCode('prompts')} input), so there is nothing to suggest.`;
}

export function missingAtHead(path: string, headSha: string): string {
  return `${inlineCode(path)} does not exist at the head commit ${shortSha(headSha)}, so there is nothing to suggest.`;
}

export function fileHasProblems(path: string, headSha: string, problems: Problem[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const first = errors[0];
  const where = first ? `${inlineCode(`${first.file}:${first.line}:${first.column}`)} ${safeLine(first.message, 300)}` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${inlineCode(path)} has problems at ${shortSha(headSha)}, so its tests cannot run: ${where}${more}. Fix them first.`;
}

export function testGone(path: string, headSha: string): string {
  return `The test this comment is about is no longer in ${inlineCode(path)} at ${shortSha(headSha)}; ask on the test’s new failure comment, or with ${inlineCode('suggest')} in the conversation.`;
}

export function noApiKey(): string {
  return 'No model API key is available to this workflow run (secrets are withheld from workflows of forks), so promptgate cannot suggest an edit.';
}

export function noChangedPrompts(): string {
  return 'This pull request changes no prompt files that promptgate runs, so there is nothing to suggest.';
}

export function noFailingTests(headSha: string): string {
  return `No test fails in the changed prompt files at ${shortSha(headSha)}, so there is nothing to fix. To ask for a change anyway, comment on a prompt file’s lines.`;
}

export function couldNotRun(reason: string, runUrl: string | undefined): string {
  const link = runLink(runUrl);
  return `promptgate could not make a suggestion: ${safeLine(reason, 300)}${link ? ` (see the ${link})` : ''}.`;
}

/** The reply in a thread when the suggestion had to go on other lines than the thread's. */
export function pointerToSuggestion(url: string, path: string, lines: { startLine: number; endLine: number }): string {
  return `✅ A verified suggestion is on ${linesLink(url, path, lines)}: the edit lies outside this thread’s lines, and a reply can only suggest changes to those.`;
}

/** `[lines 3–5 of `a.prompt.yaml`](url)`, without the link when the URL is not a plain http(s) one. */
export function linesLink(url: string, path: string, lines: { startLine: number; endLine: number }): string {
  const span = lines.startLine === lines.endLine ? `line ${lines.endLine}` : `lines ${lines.startLine}–${lines.endLine}`;
  return isPlainUrl(url) ? `[${span} of ${inlineCode(path)}](${url})` : `${span} of ${inlineCode(path)}`;
}

function isPlainUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>()[\]"'`\\]+$/.test(url);
}

/** Last line of every suggestion answer: the limit that applied, the commit, and the run's log. */
export function budgetFooter(budget: number, headSha: string, runUrl: string | undefined): string {
  const link = runLink(runUrl);
  return `<sub>Budget: up to ${budget} model call${budget === 1 ? '' : 's'} per request · promptgate on ${shortSha(headSha)}${link ? ` · ${link}` : ''}</sub>`;
}

export function filesLeftOut(paths: string[], max: number): string {
  return `Only ${max} files get a suggestion per request; not looked at this time: ${paths.map((path) => inlineCode(path)).join(', ')}.`;
}

export function testsErrored(path: string, count: number): string {
  return `${count === 1 ? 'One test' : `${count} tests`} of ${inlineCode(path)} could not be run or graded (the model endpoint or the judge failed, or the budget ran out), so ${count === 1 ? 'it is' : 'they are'} not among the targets.`;
}

export function spentInAll(modelCalls: number): string {
  return `<sub>Spent ${modelCalls} model call${modelCalls === 1 ? '' : 's'} in all, finding the failing tests included.</sub>`;
}
