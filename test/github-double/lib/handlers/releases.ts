// Releases, tags and trees: what a release job reads to find the previous release and the prompt
// files it had. Shapes as GitHub answers them (the fields a client may read), lists paginated.
import { gitBlobSha, nodeId } from '../api-shapes.js';
import type { DoubleStore } from '../double-store.js';
import { paginate } from '../pagination.js';
import { json, notFound, type Handler } from '../responses.js';
import type { ReleaseSetup } from '../setup-types.js';

/** GitHub's limit on a recursive tree listing: past it the answer is cut and says `truncated: true`. */
export const MAX_TREE_ENTRIES = 100_000;

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_RELEASE = Date.parse('2024-01-01T12:00:00Z');

function release(store: DoubleStore, setup: ReleaseSetup, index: number) {
  const id = 90_000 + index;
  const created = setup.created_at ?? new Date(FIRST_RELEASE + index * DAY_MS).toISOString();
  const published = setup.published_at !== undefined ? setup.published_at : setup.draft ? null : created;
  const html = `${store.repoHtmlUrl}/releases/tag/${encodeURIComponent(setup.tag_name)}`;
  return {
    url: `${store.repoApiUrl}/releases/${id}`,
    html_url: html,
    assets_url: `${store.repoApiUrl}/releases/${id}/assets`,
    upload_url: `https://uploads.github.com/repos/${store.owner}/${store.repo}/releases/${id}/assets{?name,label}`,
    tarball_url: `${store.repoApiUrl}/tarball/${encodeURIComponent(setup.tag_name)}`,
    zipball_url: `${store.repoApiUrl}/zipball/${encodeURIComponent(setup.tag_name)}`,
    id,
    node_id: nodeId('Release', id),
    tag_name: setup.tag_name,
    target_commitish: store.defaultBranch(),
    name: setup.name ?? setup.tag_name,
    body: null,
    draft: setup.draft === true,
    prerelease: setup.prerelease === true,
    immutable: false,
    created_at: created,
    published_at: published,
    updated_at: published ?? created,
    author: store.user('octocat'),
    assets: [],
  };
}

/** Newest first, by creation, as GitHub lists them. */
export const listReleases: Handler = (context) => {
  const { store } = context;
  const releases = (store.setup.releases ?? []).map((setup, index) => release(store, setup, index));
  releases.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id));
  const page = paginate(releases, context.url, context.query);
  return json(200, page.items, page.link ? { link: page.link } : undefined);
};

/** GitHub does not document the order; the double lists names in reverse code-point order, which is no version order. */
export const listTags: Handler = (context) => {
  const { store } = context;
  const tags = [...(store.setup.tags ?? [])]
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
    .map((tag) => ({
      name: tag.name,
      commit: { sha: tag.sha, url: `${store.repoApiUrl}/commits/${tag.sha}` },
      zipball_url: `${store.repoApiUrl}/zipball/refs/tags/${encodeURIComponent(tag.name)}`,
      tarball_url: `${store.repoApiUrl}/tarball/refs/tags/${encodeURIComponent(tag.name)}`,
      node_id: nodeId('Ref', Number.parseInt(tag.sha.slice(0, 8), 16) || 0),
    }));
  const page = paginate(tags, context.url, context.query);
  return json(200, page.items, page.link ? { link: page.link } : undefined);
};

/**
 * The tree at a ref (GitHub takes a tree sha or a branch or tag name): its top level, or with
 * `recursive` (any value) every entry below, directories included, cut at MAX_TREE_ENTRIES.
 */
export const getTree: Handler = (context) => {
  const { store } = context;
  const ref = String(context.path['tree_sha']);
  const files = store.treeAt(ref);
  if (!files) return notFound(context);
  const recursive = context.query['recursive'] !== undefined;
  const entries = new Map<string, 'blob' | 'tree'>();
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    const depth = recursive ? parts.length : 1;
    for (let end = 1; end <= depth; end++) entries.set(parts.slice(0, end).join('/'), end === parts.length ? 'blob' : 'tree');
  }
  const limit = store.setup.maxTreeEntries ?? MAX_TREE_ENTRIES;
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const tree = sorted.slice(0, limit).map(([path, type]) => {
    const sha = type === 'blob' ? gitBlobSha(files[path] ?? '') : gitBlobSha(`tree:${ref}:${path}`);
    return {
      path,
      mode: type === 'blob' ? '100644' : '040000',
      type,
      sha,
      ...(type === 'blob' ? { size: Buffer.byteLength(files[path] ?? '', 'utf8') } : {}),
      url: `${store.repoApiUrl}/git/${type === 'blob' ? 'blobs' : 'trees'}/${sha}`,
    };
  });
  const sha = gitBlobSha(`tree:${ref}`);
  return json(200, { sha, url: `${store.repoApiUrl}/git/trees/${sha}`, tree, truncated: sorted.length > limit });
};
