// Repository reads: file contents at a ref (base64 JSON, or raw with the `raw` media type) and a
// commit by ref.
import { gitBlobSha, nodeId } from '../api-shapes.js';
import type { DoubleStore } from '../double-store.js';
import { json, notFound, unprocessable, type Handler } from '../responses.js';

/** Above this size GitHub's JSON answer has an empty `content` and `encoding: "none"`. */
const MAX_INLINE_CONTENT_BYTES = 1024 * 1024;

/** GitHub wraps the base64 text at 60 characters, each line ending in a newline. */
function wrappedBase64(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return (encoded.match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join('');
}

function entryUrls(store: DoubleStore, path: string, ref: string, type: 'file' | 'dir', sha: string) {
  const url = `${store.repoApiUrl}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const html = `${store.repoHtmlUrl}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${path}`;
  const git = `${store.repoApiUrl}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  return {
    url,
    html_url: html,
    git_url: git,
    download_url: type === 'file' ? `https://raw.githubusercontent.com/${store.owner}/${store.repo}/${ref}/${path}` : null,
    _links: { self: url, git, html },
  };
}

function fileEntry(store: DoubleStore, path: string, ref: string, text: string) {
  const sha = gitBlobSha(text);
  const size = Buffer.byteLength(text, 'utf8');
  const inline = size <= MAX_INLINE_CONTENT_BYTES;
  return {
    type: 'file',
    encoding: inline ? 'base64' : 'none',
    size,
    name: path.split('/').pop() ?? path,
    path,
    content: inline ? wrappedBase64(text) : '',
    sha,
    ...entryUrls(store, path, ref, 'file', sha),
  };
}

export const getContent: Handler = (context) => {
  const { store } = context;
  const ref = typeof context.query['ref'] === 'string' ? context.query['ref'] : store.defaultBranch();
  const tree = store.treeAt(ref);
  if (!tree) return notFound(context, `No commit found for the ref ${ref}`);
  const path = String(context.path['path']).replace(/^\/+|\/+$/g, '');
  const text = tree[path];
  if (text !== undefined) {
    if (/application\/vnd\.github(\.v3)?\.raw/.test(context.accept)) {
      return { status: 200, text, contentType: 'application/vnd.github.raw; charset=utf-8' };
    }
    return json(200, fileEntry(store, path, ref, text));
  }
  // A directory: list its direct children, files and sub-directories alike.
  const prefix = `${path}/`;
  const children = new Map<string, 'file' | 'dir'>();
  for (const candidate of Object.keys(tree)) {
    if (!candidate.startsWith(prefix)) continue;
    const [name, ...rest] = candidate.slice(prefix.length).split('/');
    if (name) children.set(name, rest.length > 0 ? 'dir' : 'file');
  }
  if (children.size === 0) return notFound(context);
  const listing = [...children].sort(([a], [b]) => a.localeCompare(b)).map(([name, type]) => {
    const childPath = `${prefix}${name}`;
    const sha = type === 'file' ? gitBlobSha(tree[childPath] ?? '') : gitBlobSha(`tree:${childPath}`);
    const size = type === 'file' ? Buffer.byteLength(tree[childPath] ?? '', 'utf8') : 0;
    return { type, size, name, path: childPath, sha, ...entryUrls(store, childPath, ref, type, sha) };
  });
  return json(200, listing);
};

function commitShaFor(store: DoubleStore, ref: string): string | undefined {
  const { head, base, commits } = store.setup.pull;
  for (const tip of [head, base]) {
    if (store.refAliases(ref).includes(tip.sha)) return tip.sha;
  }
  return (commits ?? []).includes(ref) ? ref : undefined;
}

export const getCommit: Handler = (context) => {
  const { store } = context;
  const ref = String(context.path['ref']);
  const sha = commitShaFor(store, ref);
  if (!sha) return unprocessable(context, [`No commit found for SHA: ${ref}`]);
  const isHead = sha === store.headSha;
  const author = { name: 'Octo Cat', email: 'octocat@github.com', date: '2024-05-01T11:00:00Z' };
  return json(200, {
    sha,
    node_id: nodeId('Commit', Number.parseInt(sha.slice(0, 8), 16) || 0),
    url: `${store.repoApiUrl}/commits/${sha}`,
    html_url: `${store.repoHtmlUrl}/commit/${sha}`,
    commit: {
      author,
      committer: author,
      message: isHead ? store.setup.pull.title ?? 'Update prompts' : 'Earlier commit',
      tree: { sha: gitBlobSha(`tree:${sha}`), url: `${store.repoApiUrl}/git/trees/${gitBlobSha(`tree:${sha}`)}` },
    },
    author: store.user(store.setup.pull.author ?? 'octocat'),
    committer: store.user(store.setup.pull.author ?? 'octocat'),
    parents: [],
    stats: { additions: 0, deletions: 0, total: 0 },
    files: [],
  });
};
