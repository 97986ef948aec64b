import { formatDate } from "@/components/ui/format";
import type { Connection } from "@/lib/db";
import { findProvider } from "@/lib/providers";
import { refreshErrorWords } from "./refresh-words";

/** How the connection's token refreshes are going: last success, last failure in words, failures in a row, next retry. */
export function RefreshHealth({ connection }: { connection: Connection }) {
  const provider = findProvider(connection.provider)?.name ?? connection.provider;
  const rows: [string, string][] = [
    ["Last refresh", connection.lastRefreshedAt ? formatDate(connection.lastRefreshedAt) : "Never refreshed"],
    ["Last error", connection.lastError ? refreshErrorWords(connection.lastError, provider) : "None"],
    ["Failures in a row", String(connection.failureCount)],
    [
      "Next retry",
      connection.nextRetryAt
        ? formatDate(connection.nextRetryAt)
        : connection.status === "NEEDS_REAUTH"
          ? "None: the end user must connect again"
          : "Not scheduled",
    ],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
