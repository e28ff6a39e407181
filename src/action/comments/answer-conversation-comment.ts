// `/promptgate suggest <critique>` in a pull request's conversation: the critique applies to the
// failing tests of the changed prompt files. Each such file (a few at most) gets a suggestion — as
// a review comment on the edited lines when they are in the diff — and one conversation comment
// sums up the results, file by file.
import { describeGitHubError } from '../../github/octokit.js';
import type { PullRef } from '../../github/replies.js';
import { inlineCode } from '../../report/markdown-safe.js';
import { selectChangedPrompts } from '../changed-prompts.js';
import type { ConversationCommentEvent } from '../event.js';
import { planAnswer } from './answer.js';
import { mayAskForSuggestions } from './authorise.js';
import { CallAllowance } from './call-limit.js';
import { parseCommand } from './command.js';
import type { CommentContext } from './context.js';
import { readFileAtHead, type FileAtHead } from './file-at-head.js';
import { carriesPromptgateMarker } from './markers.js';
import * as say from './messages.js';
import { readPull, type PullFacts } from './pull-facts.js';
import { MAX_BODY_CHARS, Speaker } from './speak.js';
import { createSuggestEngine, type SuggestEngine } from './suggest-engine.js';
import { suggestForFile } from './suggest-file.js';

/** Files with failing tests that get a suggestion per command; more would make one comment unreadable and one request costly. */
export const MAX_FILES_PER_COMMAND = 3;
/** Changed prompt files looked at for failing tests. */
const MAX_FILES_CHECKED = 20;

export async function answerConversationComment(ctx: CommentContext, event: ConversationCommentEvent): Promise<void> {
  const { comment } = event;
  const skip = (why: string) => ctx.log.info(`promptgate: comment ${comment.id}: ${why}; nothing to do.`);
  if (event.action !== 'created') return skip(`it was ${event.action || 'changed'}, not created`);
  if (!event.onPullRequest) return skip('it is on an issue, not a pull request');
  if (comment.author.isBot || comment.author.login === '') return skip('written by a bot');
  if (carriesPromptgateMarker(comment.body)) return skip('it carries promptgate’s own marker');
  const command = parseCommand(comment.body, ctx.suggest.trigger, { verbRequired: true });
  if (command.kind === 'none') return skip('not a command');

  const pull: PullRef = { owner: event.owner, repo: event.repo, pullNumber: event.number };
  const speaker = new Speaker(ctx, pull);
  const answer = (body: string) => speaker.commentInConversation(body);
  if (!(await mayAskForSuggestions(ctx.octokit, pull, comment.author.login, ctx.log))) return void (await answer(say.notAllowed()));
  if (command.kind === 'unknown' || command.critique === '') return void (await answer(say.conversationUsage(ctx.suggest.trigger)));
  if (ctx.settings.missingApiKey) return void (await answer(say.noApiKey()));

  let facts: PullFacts;
  try {
    facts = await readPull(ctx.octokit, pull);
  } catch (error) {
    return void (await answer(say.couldNotRun(`the pull request could not be read (${describeGitHubError(error)})`, ctx.runUrl)));
  }
  const changed = await selectChangedPrompts(facts.files, ctx.inputs.prompts);
  if (changed.length === 0) return void (await answer(say.noChangedPrompts()));

  const engine = createSuggestEngine(ctx.settings, ctx.suggest, ctx.redact, (message) => ctx.log.warning(message));
  const allowance = new CallAllowance(ctx.suggest.budget);
  const checked = await findFailingFiles(ctx, engine, allowance, pull, facts, changed.slice(0, MAX_FILES_CHECKED).map((file) => file.path));
  const footer = say.budgetFooter(ctx.suggest.budget, facts.headSha, ctx.runUrl);
  if (checked.failing.length === 0) {
    return void (await answer([say.noFailingTests(facts.headSha), ...checked.notes, say.spentInAll(allowance.spent), footer].join('\n\n')));
  }

  const chosen = checked.failing.slice(0, MAX_FILES_PER_COMMAND);
  const sections: string[] = [];
  const room = Math.floor((MAX_BODY_CHARS - 2000) / chosen.length);
  for (const { file, failingTests } of chosen) {
    const outcome = await suggestForFile(ctx, engine, {
      path: file.path,
      text: file.text,
      suite: file.suite,
      critique: command.critique,
      targetTests: failingTests,
      maxModelCalls: allowance.left,
    });
    allowance.spend(outcome.spent.modelCalls);
    const patch = facts.patchOf(file.path);
    const planned = planAnswer(outcome, { file: file.path, oldText: file.text, ...(patch ? { patch } : {}), maxChars: room });
    if (planned.kind === 'reply') {
      sections.push(planned.body);
      continue;
    }
    const lines = { startLine: planned.startLine, endLine: planned.endLine };
    const posted = await speaker.commentOnLines({ path: file.path, ...lines, commitId: facts.headSha }, `${planned.body}\n\n${footer}`);
    sections.push(posted ? `✅ ${inlineCode(file.path)}: a verified suggestion is on ${say.linesLink(posted.htmlUrl, file.path, lines)}.` : planned.diffBody);
  }
  const skipped = checked.failing.slice(MAX_FILES_PER_COMMAND).map(({ file }) => file.path);
  const notes = [...checked.notes, ...(skipped.length > 0 ? [say.filesLeftOut(skipped, MAX_FILES_PER_COMMAND)] : [])];
  await answer([sections.join('\n\n---\n\n'), ...notes, say.spentInAll(allowance.spent), footer].join('\n\n'));
}

interface FailingFile {
  file: Extract<FileAtHead, { ok: true }>;
  failingTests: string[];
}

/** Runs each file's tests once (from the request's budget) to learn which fail; the engine's own before-run then comes from the cache. */
async function findFailingFiles(
  ctx: CommentContext,
  engine: SuggestEngine,
  allowance: CallAllowance,
  pull: PullRef,
  facts: PullFacts,
  paths: string[],
): Promise<{ failing: FailingFile[]; notes: string[] }> {
  const failing: FailingFile[] = [];
  const notes: string[] = [];
  for (const path of paths) {
    let file: FileAtHead;
    try {
      file = await readFileAtHead(ctx.octokit, pull, path, facts.headSha);
    } catch (error) {
      notes.push(say.couldNotRun(`${path} could not be read (${describeGitHubError(error)})`, ctx.runUrl));
      continue;
    }
    if (!file.ok) {
      notes.push(file.message);
      continue;
    }
    const run = await engine.runTests(file.suite, allowance);
    if (run.cannotGrade !== undefined) {
      notes.push(say.couldNotRun(`the judge for ${path}'s model-graded assertions cannot be used: ${run.cannotGrade}`, ctx.runUrl));
      continue;
    }
    if (!run.report) {
      notes.push(say.fileHasProblems(path, facts.headSha, run.problems));
      continue;
    }
    const failingTests = run.report.results.filter((result) => result.status === 'failed').map((result) => result.test);
    const errored = run.report.results.filter((result) => result.status === 'errored').length;
    if (errored > 0) notes.push(say.testsErrored(path, errored));
    if (failingTests.length > 0) failing.push({ file, failingTests });
  }
  return { failing, notes };
}
