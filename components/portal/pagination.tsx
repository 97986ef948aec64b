import Link from "next/link";
import { hrefWith } from "./list-query";

/**
 * Keyset pages only go forward: "Next page" carries the cursor and the filters; the first page is one click back.
 * A page with two lists names each one's cursor parameter and labels each one's navigation apart.
 */
export function Pagination({
  path,
  filters,
  cursor,
  nextCursor,
  cursorName = "cursor",
  label = "Pages",
}: {
  path: string;
  filters: Record<string, string | undefined>;
  cursor?: string;
  nextCursor: string | null;
  cursorName?: string;
  label?: string;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label={label} className="mt-4 flex gap-4 text-sm">
      {cursor ? (
        <Link href={hrefWith(path, filters)} className="text-indigo-700 underline">
          First page
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={hrefWith(path, { ...filters, [cursorName]: nextCursor })} className="text-indigo-700 underline">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
