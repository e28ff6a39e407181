// A GitHub REST API double for end-to-end tests of promptgate's Action. It is a real node:http
// server on 127.0.0.1, so the Action's bundled code talks to it through the real Octokit client
// (GITHUB_API_URL=server.url). Every request is matched to an operation of GitHub's official OpenAPI
// description (test/fixtures/github/openapi-subset.json) and its parameters and JSON body are
// validated against the official schemas; GitHub's behaviour where it matters for a review bot is
// imitated: pagination with Link headers, reviews refused whole when one comment is off the diff,
// the 65,536-character body limit, rate-limit answers on demand. Besides the pull request, the
// repository may have releases and tags (for a release job), and file trees at any ref.
//
//   const server = await startGitHubServer(setup);
//   const octokit = getOctokit(server.token, { baseUrl: server.url });
//   ...
//   expect(server.schemaViolations).toEqual([]);
//   await server.close();
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  ApiIssueComment,
  ApiReaction,
  ApiReview,
  ApiReviewComment,
} from '../github-double/lib/api-shapes.js';
import { ACTIONS_BOT_LOGIN } from '../github-double/lib/api-shapes.js';
import { DoubleStore } from '../github-double/lib/double-store.js';
import { FailurePlan, failureResponse, type FailureFilter, type FailureKind } from '../github-double/lib/failure-injection.js';
import { getCollaboratorPermission } from '../github-double/lib/handlers/collaborators.js';
import { createIssueComment, listIssueComments, updateIssueComment } from '../github-double/lib/handlers/issue-comments.js';
import { getPullRequest, listPullRequestFiles } from '../github-double/lib/handlers/pulls.js';
import { getCommit, getContent } from '../github-double/lib/handlers/repository.js';
import { getTree, listReleases, listTags } from '../github-double/lib/handlers/releases.js';
import {
  createReactionForReviewComment,
  createReplyForReviewComment,
  createReview,
  createReviewComment,
  listReviewComments,
  listReviews,
  updateReviewComment,
} from '../github-double/lib/handlers/reviews.js';
import { matchOperation, openApiSource, type ApiOperation } from '../github-double/lib/openapi-operations.js';
import { pushCommit, type PushedCommit } from '../github-double/lib/push-commit.js';
import {
  compileOperationValidator,
  type OperationValidator,
  type ValidationLocation,
  type ValidationProblem,
} from '../github-double/lib/request-validation.js';
import { documentationUrlFor, json, type ApiResponse, type Handler } from '../github-double/lib/responses.js';
import { seedReviewComments } from '../github-double/lib/seed-comments.js';
import type { GitHubDoubleSetup } from '../github-double/lib/setup-types.js';

export type {
  ApiIssueComment,
  ApiReaction,
  ApiReview,
  ApiReviewComment,
  ApiUser,
  ReactionContent,
} from '../github-double/lib/api-shapes.js';
export { ACTIONS_BOT_LOGIN } from '../github-double/lib/api-shapes.js';
export type { DiffSide } from '../github-double/lib/diff-hunks.js';
export type { FailureFilter, FailureKind } from '../github-double/lib/failure-injection.js';
export type { PushedCommit } from '../github-double/lib/push-commit.js';
export type {
  ExistingIssueComment,
  ExistingReviewComment,
  FileStatus,
  GitHubDoubleSetup,
  GitRefSetup,
  PullRequestFileSetup,
  PullRequestSetup,
  ReleaseSetup,
  RepoPermission,
  TagSetup,
} from '../github-double/lib/setup-types.js';

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/repos/acme/prompts/pulls/7/files`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  /** GitHub's operation id, e.g. `pulls/create-review`; undefined for an unknown route. */
  operationId: string | undefined;
  status: number;
  /** Set when the answer came from `failNext`. */
  injectedFailure?: FailureKind;
}

/** A request that GitHub's official schema for its operation does not allow. Tests expect none. */
export interface SchemaViolation {
  /** `METHOD /path/{template}`, or the concrete path when no operation matched. */
  operation: string;
  operationId: string | undefined;
  location: ValidationLocation;
  instancePath: string;
  message: string;
}

/** A query parameter or body field the official schema does not describe (GitHub ignores most silently). */
export interface UndocumentedField {
  operation: string;
  operationId: string;
  /** e.g. `body.comments.0.subject_type` or `query.perpage`. */
  field: string;
}

export interface GitHubDouble {
  /** Base URL for Octokit (`baseUrl`) and for GITHUB_API_URL. */
  url: string;
  /** A token to use: any `token`/`Bearer` credential is accepted and acts as `github-actions[bot]`. */
  token: string;
  /** Live state: the setup as currently modified by `pushCommit`. */
  setup: GitHubDoubleSetup;
  requests: RecordedRequest[];
  /** Every review, including the one GitHub files each reply and lone review comment under. */
  reviews: ApiReview[];
  reviewComments: ApiReviewComment[];
  issueComments: ApiIssueComment[];
  /** Reactions on review comments, with the id of the comment they are on. */
  reactions: (ApiReaction & { comment_id: number })[];
  schemaViolations: SchemaViolation[];
  undocumentedFields: UndocumentedField[];
  /** Where the request schemas come from, e.g. `@octokit/openapi@23.0.1 ...`. */
  openApiSource: string;
  /** The next `times` requests (matching `filter`) fail with `kind`; later ones are served normally. */
  failNext(times: number, kind: FailureKind, filter?: FailureFilter): void;
  /** Moves the pull request's head to a new commit; review comments on changed lines become outdated. */
  pushCommit(commit: PushedCommit): void;
  close(): Promise<void>;
}

const HANDLERS: Record<string, Handler> = {
  'pulls/get': getPullRequest,
  'pulls/list-files': listPullRequestFiles,
  'repos/get-content': getContent,
  'pulls/create-review': createReview,
  'pulls/list-reviews': listReviews,
  'pulls/list-review-comments': listReviewComments,
  'pulls/create-review-comment': createReviewComment,
  'pulls/create-reply-for-review-comment': createReplyForReviewComment,
  'pulls/update-review-comment': updateReviewComment,
  'issues/list-comments': listIssueComments,
  'issues/create-comment': createIssueComment,
  'issues/update-comment': updateIssueComment,
  'repos/get-collaborator-permission-level': getCollaboratorPermission,
  'reactions/create-for-pull-request-review-comment': createReactionForReviewComment,
  'repos/get-commit': getCommit,
  'repos/list-releases': listReleases,
  'repos/list-tags': listTags,
  'git/get-tree': getTree,
};

const validators = new Map<ApiOperation, OperationValidator>();

function validatorFor(operation: ApiOperation): OperationValidator {
  let validator = validators.get(operation);
  if (!validator) {
    validator = compileOperationValidator(operation);
    validators.set(operation, validator);
  }
  return validator;
}

const RATE_LIMIT = 5000;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value ?? '';
}

export async function startGitHubServer(setup: GitHubDoubleSetup): Promise<GitHubDouble> {
  const failures = new FailurePlan();
  const requests: RecordedRequest[] = [];
  const schemaViolations: SchemaViolation[] = [];
  const undocumentedFields: UndocumentedField[] = [];
  let store: DoubleStore | undefined;
  let requestsServed = 0;

  function send(response: ServerResponse, answer: ApiResponse, requestId: string): void {
    requestsServed += 1;
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': requestId,
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - requestsServed)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(requestsServed),
      'x-ratelimit-resource': 'core',
      ...answer.headers,
    };
    if (answer.status === 204) {
      response.writeHead(204, headers).end();
      return;
    }
    const payload = answer.text ?? JSON.stringify(answer.body ?? null);
    headers['content-type'] = answer.contentType ?? 'application/json; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(payload));
    response.writeHead(answer.status, headers).end(payload);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID().slice(0, 18).toUpperCase();
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    const method = (request.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(request);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: undefined,
      operationId: undefined,
      status: 0,
    };
    requests.push(record);
    const answer = (result: ApiResponse): void => {
      record.status = result.status;
      send(response, result, requestId);
    };
    const violation = (operation: string, operationId: string | undefined, problem: ValidationProblem): void => {
      schemaViolations.push({ operation, operationId, ...problem });
    };

    const authorization = /^(?:token|bearer)\s+(\S+)$/i.exec(headerValue(request.headers, 'authorization'));
    if (!headerValue(request.headers, 'authorization')) {
      answer(json(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' }));
      return;
    }
    if (!authorization?.[1]) {
      answer(json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' }));
      return;
    }
    const viewer = setup.tokens?.[authorization[1]] ?? ACTIONS_BOT_LOGIN;

    const matched = matchOperation(method, url.pathname);
    const documentationUrl = documentationUrlFor(matched?.operation.operationId);
    const notFound = json(404, { message: 'Not Found', documentation_url: documentationUrl, status: '404' });
    if (!matched || !store) {
      answer(notFound);
      return;
    }
    const { operation } = matched;
    const operationName = `${operation.method} ${operation.path}`;
    record.operationId = operation.operationId;
    if (!store.isThisRepository(matched.pathParams['owner'], matched.pathParams['repo'])) {
      answer(notFound);
      return;
    }

    const failure = failures.take({ method, path: url.pathname, operationId: operation.operationId });
    if (failure) {
      record.injectedFailure = failure.kind;
      answer(failureResponse(failure.kind, failure.retryAfterSeconds, requestId, failure.resetAtSeconds));
      return;
    }

    const validator = validatorFor(operation);
    const parameters = validator.checkParameters(matched.pathParams, record.query);
    for (const problem of parameters.problems) violation(operationName, operation.operationId, problem);
    if (parameters.problems.some((problem) => problem.location === 'path')) {
      answer(notFound);
      return;
    }

    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        violation(operationName, operation.operationId, { location: 'body', instancePath: '', message: 'The body is not JSON.' });
        answer(json(400, { message: 'Problems parsing JSON', documentation_url: documentationUrl, status: '400' }));
        return;
      }
    }
    record.body = body;
    const bodyProblems = validator.checkBody(body);
    for (const problem of bodyProblems) violation(operationName, operation.operationId, problem);
    const invalid = [...parameters.problems, ...bodyProblems];
    if (invalid.length > 0) {
      answer(
        json(422, {
          message: 'Invalid request.',
          errors: invalid.map((problem) => problem.message),
          documentation_url: documentationUrl,
          status: '422',
        }),
      );
      return;
    }
    for (const field of validator.undocumentedFields(body, record.query)) {
      undocumentedFields.push({ operation: operationName, operationId: operation.operationId, field });
    }

    const handler = HANDLERS[operation.operationId];
    if (!handler) {
      answer(json(501, { message: `The GitHub double has no handler for ${operation.operationId}` }));
      return;
    }
    answer(
      handler({
        store,
        viewer,
        path: parameters.path,
        query: parameters.query,
        body,
        url,
        accept: headerValue(request.headers, 'accept'),
        documentationUrl,
      }),
    );
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the double must show up in the test, not hang the client.
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `GitHub double failed: ${(error as Error).stack ?? String(error)}` }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  try {
    store = new DoubleStore(setup, url);
    for (const seed of store.setup.issueComments ?? []) store.addIssueComment(seed.author ?? ACTIONS_BOT_LOGIN, seed.body, seed.id);
    seedReviewComments(store, store.setup.reviewComments ?? []);
  } catch (error) {
    server.close();
    throw error;
  }
  const ready = store;

  return {
    url,
    token: 'ghs_github_double_token',
    setup: ready.setup,
    requests,
    reviews: ready.reviews,
    reviewComments: ready.reviewComments,
    issueComments: ready.issueComments,
    reactions: ready.reactions,
    schemaViolations,
    undocumentedFields,
    openApiSource,
    failNext: (times, kind, filter) => failures.add(times, kind, filter),
    pushCommit: (commit) => pushCommit(ready, commit),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Octokit's fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
