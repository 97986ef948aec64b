import { formatDate } from "@/components/ui/format";
import type { AuditEventView } from "@/lib/audit";
import { describeConnectFailure, isConnectFailureCode } from "@/lib/connect";
import { findProvider } from "@/lib/providers";

/** The words the end user read, so the developer learns in the portal what went wrong and for whom. */
function failureWords(details: Record<string, unknown>): { code: string; words: string } {
  const code = typeof details.code === "string" ? details.code : "unknown";
  const providerName = (typeof details.provider === "string" && findProvider(details.provider)?.name) || "The provider";
  return { code, words: isConnectFailureCode(code) ? describeConnectFailure(code, providerName) : "An unrecognised failure." };
}

/** Recent `connection.failed` audit events of one application. */
export function RecentConnectFailures({ events }: { events: AuditEventView[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No failed connection attempts.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {events.map((event) => {
        const { code, words } = failureWords(event.details);
        return (
          <li key={event.id} className="py-2">
            <div className="flex flex-wrap gap-x-3 text-xs text-slate-600">
              <span>{formatDate(event.createdAt)}</span>
              <span>
                End user <span className="font-mono">{event.actorId ?? "unknown"}</span>
              </span>
              <span className="font-mono">{code}</span>
            </div>
            <p className="mt-0.5">{words}</p>
          </li>
        );
      })}
    </ul>
  );
}
