// What of a proxied path the log keeps: the provider path and the query's
// parameter names. Values (search terms, ids, sometimes tokens a caller put
// in a URL) never reach the database.

/** Longest path stored; a longer one is cut (it is for reading, not replaying). */
const MAX_LENGTH = 2_000;

/** `2.0/repositories/acme?page=2&role=member#x` → `2.0/repositories/acme?page=&role=`. */
export function pathWithoutValues(pathAndQuery: string): string {
  const withoutFragment = pathAndQuery.split("#", 1)[0]!;
  const queryStart = withoutFragment.indexOf("?");
  if (queryStart === -1) return withoutFragment.slice(0, MAX_LENGTH);
  const names = withoutFragment
    .slice(queryStart + 1)
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => `${pair.split("=", 1)[0]!}=`);
  const path = withoutFragment.slice(0, queryStart);
  return (names.length === 0 ? path : `${path}?${names.join("&")}`).slice(0, MAX_LENGTH);
}
