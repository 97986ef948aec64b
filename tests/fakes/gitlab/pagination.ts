/** GitLab's offset pagination ([OA]: REST API docs): `page`, `per_page` (default 20, at most 100), X-* and Link headers. */
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : fallback;
}

export function paginate<T>(items: readonly T[], url: URL, baseUrl: string): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(positiveInt(url.searchParams.get("per_page"), DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = positiveInt(url.searchParams.get("page"), 1);
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const start = (page - 1) * perPage;
  const link = (target: number, rel: string): string => {
    const href = new URL(url.pathname + url.search, baseUrl);
    href.searchParams.set("page", String(target));
    href.searchParams.set("per_page", String(perPage));
    return `<${href.href}>; rel="${rel}"`;
  };
  const links = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < totalPages) links.push(link(page + 1, "next"));
  links.push(link(1, "first"), link(totalPages, "last"));
  return {
    page: items.slice(start, start + perPage),
    headers: {
      "X-Page": String(page),
      "X-Per-Page": String(perPage),
      "X-Total": String(items.length),
      "X-Total-Pages": String(totalPages),
      "X-Next-Page": page < totalPages ? String(page + 1) : "",
      "X-Prev-Page": page > 1 ? String(page - 1) : "",
      Link: links.join(", "),
    },
  };
}
