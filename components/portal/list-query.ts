// List pages read their filters and cursor from the URL (GET forms, links),
// so a filtered page can be bookmarked and "Next page" keeps its filters.
import { ValidationFailed } from "@/lib/errors";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The named parameters that carry a value; an empty field of a GET form means "any". */
export function searchValues<Name extends string>(params: SearchParams, names: readonly Name[]): Partial<Record<Name, string>> {
  const values: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = params[name];
    if (typeof value === "string" && value.trim()) values[name] = value.trim();
  }
  return values;
}

export function hrefWith(path: string, values: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return query ? `${path}?${query}` : path;
}

export type ListPage<Item> = { items: Item[]; nextCursor: string | null; problem?: string };

/** A filter or cursor edited by hand in the URL shows words and an empty list, not an error page. */
export async function loadListPage<Item>(load: Promise<ListPage<Item>>): Promise<ListPage<Item>> {
  try {
    return await load;
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    return { items: [], nextCursor: null, problem: "These filters or this page link are not valid. Clear the filters to start again." };
  }
}
