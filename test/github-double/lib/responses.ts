// GitHub's answer formats: JSON bodies, its error bodies ("Not Found", "Unprocessable Entity" with
// an `errors` list of strings, "Validation Failed" with resource/field objects) and the limits it
// enforces on every comment-like body.
import type { DoubleStore } from './double-store.js';

export interface ApiResponse {
  status: number;
  /** Sent as JSON unless `text` is set. */
  body?: unknown;
  /** A non-JSON body (raw file contents, a diff). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface HandlerContext {
  store: DoubleStore;
  /** Login of the token's user. */
  viewer: string;
  /** Path parameters, coerced to their schema types (e.g. `pull_number` is a number). */
  path: Record<string, unknown>;
  /** Documented query parameters, coerced, with schema defaults filled in. */
  query: Record<string, unknown>;
  body: unknown;
  url: URL;
  accept: string;
  documentationUrl: string;
}

export type Handler = (context: HandlerContext) => ApiResponse;

/** GitHub's limit on issue, review and review-comment bodies. */
export const MAX_BODY_LENGTH = 65536;

const DOCUMENTATION: Record<string, string> = {
  'pulls/get': 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
  'pulls/list-files': 'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files',
  'repos/get-content': 'https://docs.github.com/rest/repos/contents#get-repository-content',
  'pulls/create-review': 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
  'pulls/list-reviews': 'https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request',
  'pulls/list-review-comments': 'https://docs.github.com/rest/pulls/comments#list-review-comments-on-a-pull-request',
  'pulls/create-review-comment': 'https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request',
  'pulls/create-reply-for-review-comment':
    'https://docs.github.com/rest/pulls/comments#create-a-reply-for-a-review-comment',
  'pulls/update-review-comment': 'https://docs.github.com/rest/pulls/comments#update-a-review-comment-for-a-pull-request',
  'issues/list-comments': 'https://docs.github.com/rest/issues/comments#list-issue-comments',
  'issues/create-comment': 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  'issues/update-comment': 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
  'repos/get-collaborator-permission-level':
    'https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user',
  'reactions/create-for-pull-request-review-comment':
    'https://docs.github.com/rest/reactions/reactions#create-reaction-for-a-pull-request-review-comment',
  'repos/get-commit': 'https://docs.github.com/rest/commits/commits#get-a-commit',
  'repos/list-releases': 'https://docs.github.com/rest/releases/releases#list-releases',
  'repos/list-tags': 'https://docs.github.com/rest/repos/repos#list-repository-tags',
  'git/get-tree': 'https://docs.github.com/rest/git/trees#get-a-tree',
};

export function documentationUrlFor(operationId: string | undefined): string {
  return (operationId && DOCUMENTATION[operationId]) || 'https://docs.github.com/rest';
}

export function json(status: number, body: unknown, headers?: Record<string, string>): ApiResponse {
  return headers ? { status, body, headers } : { status, body };
}

export function notFound(context: Pick<HandlerContext, 'documentationUrl'>, message = 'Not Found'): ApiResponse {
  return json(404, { message, documentation_url: context.documentationUrl, status: '404' });
}

/** The form GitHub uses for review rules: `errors` is a list of sentences. */
export function unprocessable(context: Pick<HandlerContext, 'documentationUrl'>, errors: string[]): ApiResponse {
  return json(422, { message: 'Unprocessable Entity', errors, documentation_url: context.documentationUrl, status: '422' });
}

/** The form GitHub uses for model validations: `errors` names the resource and field. */
export function validationFailed(
  context: Pick<HandlerContext, 'documentationUrl'>,
  resource: string,
  field: string,
  message: string,
): ApiResponse {
  return json(422, {
    message: 'Validation Failed',
    errors: [{ resource, code: 'custom', field, message }],
    documentation_url: context.documentationUrl,
    status: '422',
  });
}

export function bodyTooLong(context: Pick<HandlerContext, 'documentationUrl'>, resource: string): ApiResponse {
  return validationFailed(context, resource, 'body', `body is too long (maximum is ${MAX_BODY_LENGTH} characters)`);
}

/** GitHub counts characters (code points), so an emoji counts once although it is two UTF-16 units. */
export function isTooLong(text: unknown): boolean {
  if (typeof text !== 'string' || text.length <= MAX_BODY_LENGTH) return false;
  return Array.from(text).length > MAX_BODY_LENGTH;
}
