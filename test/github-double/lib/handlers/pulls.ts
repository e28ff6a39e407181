// GET a pull request (JSON, or its diff with the `diff` media type) and list its files.
import { gitBlobSha, nodeId } from '../api-shapes.js';
import type { DoubleStore } from '../double-store.js';
import { paginate } from '../pagination.js';
import { json, notFound, type Handler } from '../responses.js';
import type { GitRefSetup, PullRequestFileSetup } from '../setup-types.js';

/** GitHub lists at most 3000 files of a pull request. */
const MAX_LISTED_FILES = 3000;

function branch(store: DoubleStore, tip: GitRefSetup) {
  const repository = {
    id: 1296269,
    node_id: nodeId('Repository', 1296269),
    name: store.repo,
    full_name: `${store.owner}/${store.repo}`,
    private: store.setup.private === true,
    owner: store.user(store.owner),
    html_url: store.repoHtmlUrl,
    url: store.repoApiUrl,
    default_branch: store.defaultBranch(),
  };
  return { label: `${store.owner}:${tip.ref}`, ref: tip.ref, sha: tip.sha, user: store.user(store.owner), repo: repository };
}

function pullRequest(store: DoubleStore) {
  const pull = store.setup.pull;
  const files = store.setup.files;
  const sum = (pick: (file: PullRequestFileSetup) => number) => files.reduce((total, file) => total + pick(file), 0);
  return {
    url: store.pullApiUrl,
    id: 1_000_000 + pull.number,
    node_id: nodeId('PullRequest', pull.number),
    html_url: store.pullHtmlUrl,
    diff_url: `${store.pullHtmlUrl}.diff`,
    patch_url: `${store.pullHtmlUrl}.patch`,
    issue_url: `${store.repoApiUrl}/issues/${pull.number}`,
    comments_url: `${store.repoApiUrl}/issues/${pull.number}/comments`,
    review_comments_url: `${store.pullApiUrl}/comments`,
    number: pull.number,
    state: pull.state ?? 'open',
    locked: false,
    title: pull.title ?? 'Update prompts',
    user: store.user(pull.author ?? 'octocat'),
    body: pull.body ?? null,
    draft: pull.draft === true,
    merged: false,
    mergeable: null,
    head: branch(store, pull.head),
    base: branch(store, pull.base),
    author_association: store.associationOf(pull.author ?? 'octocat'),
    comments: store.issueComments.length,
    review_comments: store.listedReviewComments().length,
    commits: (pull.commits ?? []).length + 1,
    additions: sum((file) => file.additions),
    deletions: sum((file) => file.deletions),
    changed_files: files.length,
  };
}

/** The `application/vnd.github.diff` form: the file patches under git's per-file headers. */
function unifiedDiff(store: DoubleStore): string {
  return store.setup.files
    .map((file) => {
      const oldName = file.previous_filename ?? file.filename;
      const from = file.status === 'added' ? '/dev/null' : `a/${oldName}`;
      const to = file.status === 'removed' ? '/dev/null' : `b/${file.filename}`;
      const header = `diff --git a/${oldName} b/${file.filename}\n--- ${from}\n+++ ${to}\n`;
      return file.patch === undefined ? `diff --git a/${oldName} b/${file.filename}\nBinary files differ\n` : `${header}${file.patch}\n`;
    })
    .join('');
}

export const getPullRequest: Handler = (context) => {
  const { store } = context;
  if (context.path['pull_number'] !== store.pullNumber) return notFound(context);
  if (/application\/vnd\.github(\.v3)?\.diff/.test(context.accept)) {
    return { status: 200, text: unifiedDiff(store), contentType: 'application/vnd.github.diff; charset=utf-8' };
  }
  return json(200, pullRequest(store));
};

export const listPullRequestFiles: Handler = (context) => {
  const { store } = context;
  if (context.path['pull_number'] !== store.pullNumber) return notFound(context);
  const files = store.setup.files.slice(0, MAX_LISTED_FILES).map((file) => {
    const sha = file.sha ?? gitBlobSha(file.filename);
    const entry: Record<string, unknown> = {
      sha,
      filename: file.filename,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      changes: file.changes,
      blob_url: `${store.repoHtmlUrl}/blob/${store.headSha}/${file.filename}`,
      raw_url: `${store.repoHtmlUrl}/raw/${store.headSha}/${file.filename}`,
      contents_url: `${store.repoApiUrl}/contents/${file.filename}?ref=${store.headSha}`,
    };
    if (file.patch !== undefined) entry['patch'] = file.patch;
    if (file.previous_filename !== undefined) entry['previous_filename'] = file.previous_filename;
    return entry;
  });
  const page = paginate(files, context.url, context.query);
  return json(200, page.items, page.link ? { link: page.link } : undefined);
};
