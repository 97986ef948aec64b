function positiveInt(value: string | null, fallback: number, max: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? Math.min(parsed, max) : fallback;
}

/**
 * GitHub's list pagination: `per_page` (default 30, at most 100) and `page`, a bare array as the body,
 * and a `Link` header with absolute URLs that keep the request's other query parameters.
 */
export function paginate(items: unknown[], url: URL, baseUrl: string): { status: number; body: unknown[]; headers: Record<string, string> } {
  const perPage = positiveInt(url.searchParams.get("per_page"), 30, 100);
  const page = positiveInt(url.searchParams.get("page"), 1, Number.MAX_SAFE_INTEGER);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string): string => {
    const href = new URL(url.pathname + url.search, baseUrl);
    href.searchParams.set("page", String(target));
    return `<${href.href}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(page - 1, "prev")] : []),
    ...(page < lastPage ? [link(page + 1, "next"), link(lastPage, "last")] : []),
    ...(page > 1 ? [link(1, "first")] : []),
  ];
  const start = (page - 1) * perPage;
  return {
    status: 200,
    body: items.slice(start, start + perPage),
    headers: links.length ? { Link: links.join(", ") } : {},
  };
}
