// GitHub's page-number pagination: `per_page` (default 30, at most 100) and `page` (from 1), with a
// `Link` header naming the first/prev/next/last pages. Octokit's paginate follows rel="next" only,
// so that link must carry every other query parameter of the request unchanged.

export interface Page<T> {
  items: T[];
  /** Value for the `Link` header; undefined when everything fits on one page, as on GitHub. */
  link: string | undefined;
}

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

function positiveInteger(value: unknown, fallback: number): number {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

export function paginate<T>(items: T[], requestUrl: URL, query: Record<string, unknown>): Page<T> {
  const perPage = Math.min(positiveInteger(query['per_page'], DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = positiveInteger(query['page'], 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageItems = items.slice((page - 1) * perPage, page * perPage);
  if (lastPage === 1 && page === 1) return { items: pageItems, link: undefined };

  const urlFor = (target: number): string => {
    const url = new URL(requestUrl);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(target));
    return url.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${urlFor(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) links.push(`<${urlFor(page + 1)}>; rel="next"`, `<${urlFor(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${urlFor(1)}>; rel="first"`);
  return { items: pageItems, link: links.length > 0 ? links.join(', ') : undefined };
}
