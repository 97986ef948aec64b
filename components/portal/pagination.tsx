import Link from "next/link";
import { hrefWith } from "./list-query";

/** Keyset pages only go forward: "Next page" carries the cursor and the filters; the first page is one click back. */
export function Pagination({
  path,
  filters,
  cursor,
  nextCursor,
}: {
  path: string;
  filters: Record<string, string | undefined>;
  cursor?: string;
  nextCursor: string | null;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
      {cursor ? (
        <Link href={hrefWith(path, filters)} className="text-indigo-700 underline">
          First page
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={hrefWith(path, { ...filters, cursor: nextCursor })} className="text-indigo-700 underline">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
