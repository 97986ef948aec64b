import Link from "next/link";
import { formatDate } from "@/components/ui/format";
import type { AuditEventView } from "@/lib/audit";
import type { AuditActorType } from "@/lib/db";

const actorTypes: Record<AuditActorType, string> = { USER: "Portal user", API_KEY: "API key", END_USER: "End user", SYSTEM: "System" };

type AuditRow = {
  event: AuditEventView;
  /** The application's name when the table spans applications; null when it was deleted since. */
  applicationName?: string | null;
};

/** The audit log; one connection's history leaves out the application and connection columns. */
export function AuditTable({ rows, showContext = true, emptyText }: { rows: AuditRow[]; showContext?: boolean; emptyText: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <div className="overflow-x-auto">
      <table aria-label="Audit events" className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-slate-600">
            <th className="py-2 pr-3">Time</th>
            <th className="pr-3">Action</th>
            <th className="pr-3">Actor</th>
            {showContext ? <th className="pr-3">Application</th> : null}
            {showContext ? <th className="pr-3">Connection</th> : null}
            <th className="pr-3">Address</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ event, applicationName }) => (
            <tr key={event.id} className="border-b border-slate-100 align-top">
              <td className="whitespace-nowrap py-2 pr-3">{formatDate(event.createdAt)}</td>
              <td className="pr-3 font-mono text-xs">{event.action}</td>
              <td className="pr-3">
                {actorTypes[event.actorType]}
                {event.actorId ? <div className="font-mono text-xs text-slate-600">{event.actorId}</div> : null}
              </td>
              {showContext ? <td className="pr-3">{event.applicationId ? <ApplicationCell id={event.applicationId} name={applicationName} /> : "—"}</td> : null}
              {showContext ? (
                <td className="pr-3 font-mono text-xs">
                  {event.connectionId && event.applicationId ? (
                    <Link href={`/applications/${event.applicationId}/connections/${event.connectionId}`} className="text-indigo-700 underline">
                      {event.connectionId}
                    </Link>
                  ) : (
                    (event.connectionId ?? "—")
                  )}
                </td>
              ) : null}
              <td className="pr-3 font-mono text-xs">{event.ipAddress ?? "—"}</td>
              <td>
                <code className="block min-w-64 max-w-md whitespace-pre-wrap break-all text-xs">{JSON.stringify(event.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApplicationCell({ id, name }: { id: string; name?: string | null }) {
  if (!name) return <span className="font-mono text-xs text-slate-600">{id} (deleted)</span>;
  return (
    <Link href={`/applications/${id}/connections`} className="text-indigo-700 underline">
      {name}
    </Link>
  );
}
