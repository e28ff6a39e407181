// A review comment asked for a suggestion (see review-thread.ts): check who asked, read the file at
// the head, ask the engine, and answer in the thread — with a committable suggestion when the
// verified edit lies on the thread's lines, else a new comment on the edited lines, else a diff.
import { describeGitHubError } from '../../github/octokit.js';
import { listReviewCommentFacts, threadRootOf, type PullRef, type ReviewCommentFacts } from '../../github/replies.js';
import { selectChangedPrompts } from '../changed-prompts.js';
import type { ReviewCommentEvent } from '../event.js';
import { planAnswer } from './answer.js';
import { mayAskForSuggestions } from './authorise.js';
import type { CommentContext } from './context.js';
import { readFileAtHead } from './file-at-head.js';
import { testOfFinding } from './finding-target.js';
import { carriesPromptgateMarker } from './markers.js';
import * as say from './messages.js';
import { threadLinesOf } from './placement.js';
import { readPull, type PullFacts } from './pull-facts.js';
import { MAX_BODY_CHARS, Speaker } from './speak.js';
import { createSuggestEngine } from './suggest-engine.js';
import { suggestForFile } from './suggest-file.js';
import { requestOfReply, requestOfTopLevelComment, type ThreadRequest } from './review-thread.js';

/** Room left in a body for the footer and the marker. */
const FOOTER_ROOM = 600;

export async function answerReviewComment(ctx: CommentContext, event: ReviewCommentEvent): Promise<void> {
  const { comment } = event;
  const skip = (why: string) => ctx.log.info(`promptgate: review comment ${comment.id}: ${why}; nothing to do.`);
  if (event.action !== 'created') return skip(`it was ${event.action || 'changed'}, not created`);
  if (comment.author.isBot || comment.author.login === '') return skip('written by a bot');
  if (carriesPromptgateMarker(comment.body)) return skip('it carries promptgate’s own marker');

  const pull: PullRef = { owner: event.owner, repo: event.repo, pullNumber: event.number };
  const request = await findRequest(ctx, event, pull);
  if (!request) return skip('not a request for a suggestion');

  const speaker = new Speaker(ctx, pull);
  const reply = (body: string) => speaker.replyInThread(request.root.id, body);
  if (!(await mayAskForSuggestions(ctx.octokit, pull, comment.author.login, ctx.log))) {
    if (request.explicit) await reply(say.notAllowed());
    return;
  }
  if (request.critique === '') {
    await reply(request.kind === 'finding' ? say.emptyCritiqueInReply() : say.emptyCritiqueOnLines(ctx.suggest.trigger));
    return;
  }
  if (ctx.settings.missingApiKey) {
    await reply(say.noApiKey());
    return;
  }
  await speaker.markSeen(comment.id);
  await suggestInThread(ctx, pull, request, speaker);
}

async function findRequest(ctx: CommentContext, event: ReviewCommentEvent, pull: PullRef): Promise<ThreadRequest | undefined> {
  if (event.comment.inReplyToId === undefined) return requestOfTopLevelComment(event, ctx.suggest.trigger);
  let root: ReviewCommentFacts | undefined;
  try {
    root = threadRootOf(await listReviewCommentFacts(ctx.octokit, pull), event.comment.inReplyToId);
  } catch (error) {
    ctx.log.warning(`could not read the review thread of comment ${event.comment.id} (${describeGitHubError(error)}).`);
    return undefined;
  }
  return root ? requestOfReply(event.comment.body, root, ctx.suggest.trigger) : undefined;
}

async function suggestInThread(ctx: CommentContext, pull: PullRef, request: ThreadRequest, speaker: Speaker): Promise<void> {
  const { root } = request;
  const reply = (body: string) => speaker.replyInThread(root.id, body);
  const thread = threadLinesOf(root);
  if (request.kind === 'lines' && root.subjectType === 'line') {
    if (root.side === 'LEFT') return void (await reply(say.baseSideLines()));
    if (!thread) return void (await reply(say.outdatedLines()));
  }

  let facts: PullFacts;
  try {
    facts = await readPull(ctx.octokit, pull);
  } catch (error) {
    return void (await reply(say.couldNotRun(`the pull request could not be read (${describeGitHubError(error)})`, ctx.runUrl)));
  }
  const selected = await selectChangedPrompts(
    facts.files.filter((file) => file.filename === root.path),
    ctx.inputs.prompts,
  );
  if (selected.length === 0) return void (await reply(say.notAPromptFile(root.path)));

  const file = await readFileAtHead(ctx.octokit, pull, root.path, facts.headSha).catch((error: unknown) => ({
    ok: false as const,
    path: root.path,
    message: say.couldNotRun(`the file could not be read (${describeGitHubError(error)})`, ctx.runUrl),
  }));
  if (!file.ok) return void (await reply(file.message));

  let targetTests: string[] | undefined;
  if (request.kind === 'finding') {
    const test = testOfFinding(root.body, file.suite);
    if (!test) return void (await reply(say.testGone(root.path, facts.headSha)));
    targetTests = [test.name];
  }

  const engine = createSuggestEngine(ctx.settings, ctx.suggest, ctx.redact, (message) => ctx.log.warning(message));
  const outcome = await suggestForFile(ctx, engine, {
    path: file.path,
    text: file.text,
    suite: file.suite,
    critique: request.critique,
    ...(targetTests ? { targetTests } : {}),
    ...(request.kind === 'lines' && thread ? { focusLines: { start: thread.startLine, end: thread.endLine } } : {}),
    maxModelCalls: ctx.suggest.budget,
  });

  const footer = say.budgetFooter(ctx.suggest.budget, facts.headSha, ctx.runUrl);
  const patch = facts.patchOf(file.path);
  const answer = planAnswer(outcome, {
    file: file.path,
    oldText: file.text,
    ...(thread ? { thread } : {}),
    ...(patch ? { patch } : {}),
    maxChars: MAX_BODY_CHARS - FOOTER_ROOM,
  });
  if (answer.kind === 'reply') return void (await reply(`${answer.body}\n\n${footer}`));

  const lines = { startLine: answer.startLine, endLine: answer.endLine };
  const posted = await speaker.commentOnLines({ path: file.path, ...lines, commitId: facts.headSha }, `${answer.body}\n\n${footer}`);
  await reply(posted ? say.pointerToSuggestion(posted.htmlUrl, file.path, lines) : `${answer.diffBody}\n\n${footer}`);
}
