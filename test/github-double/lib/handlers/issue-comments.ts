// Comments on the pull request's conversation (GitHub files them under the issue of the same
// number): list, create and edit — what a sticky summary comment needs.
import { paginate } from '../pagination.js';
import { bodyTooLong, isTooLong, json, notFound, type Handler, type HandlerContext } from '../responses.js';

function isThisIssue(context: HandlerContext): boolean {
  return context.path['issue_number'] === context.store.pullNumber;
}

export const listIssueComments: Handler = (context) => {
  const { store, query } = context;
  if (!isThisIssue(context)) return notFound(context);
  let comments = store.issueComments;
  if (typeof query['since'] === 'string') {
    const since = Date.parse(query['since']);
    comments = comments.filter((comment) => Date.parse(comment.updated_at) >= since);
  }
  const page = paginate(comments, context.url, query);
  return json(200, page.items, page.link ? { link: page.link } : undefined);
};

export const createIssueComment: Handler = (context) => {
  const { store, viewer } = context;
  if (!isThisIssue(context)) return notFound(context);
  const { body } = context.body as { body: string };
  if (isTooLong(body)) return bodyTooLong(context, 'IssueComment');
  return json(201, store.addIssueComment(viewer, body));
};

export const updateIssueComment: Handler = (context) => {
  const { store } = context;
  const comment = store.findIssueComment(Number(context.path['comment_id']));
  if (!comment) return notFound(context);
  const { body } = context.body as { body: string };
  if (isTooLong(body)) return bodyTooLong(context, 'IssueComment');
  comment.body = body;
  comment.updated_at = store.now();
  return json(200, comment);
};
