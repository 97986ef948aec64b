import Link from "next/link";
import { formatDate } from "@/components/ui/format";
import { Table } from "@/components/ui/table";
import type { AuditEventView, AuditNames } from "@/lib/audit";
import { describeAuditEvent, type AuditField, type Phrase } from "./describe";

/** The audit log, one sentence per event; one connection's history leaves out the application column. */
export function AuditTable({
  events,
  names,
  showContext = true,
  emptyText,
}: {
  events: AuditEventView[];
  names: AuditNames;
  showContext?: boolean;
  emptyText: string;
}) {
  if (events.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <Table label="Audit events">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          <th className="py-2 pr-3">Time</th>
          <th className="pr-3">Event</th>
          {showContext ? <th className="pr-3">Application</th> : null}
          <th className="pr-3">Details</th>
          <th>Address</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const { sentence, fields } = describeAuditEvent(event, names);
          return (
            <tr key={event.id} className="border-b border-slate-100 align-top">
              <td className="whitespace-nowrap py-2 pr-3">{formatDate(event.createdAt)}</td>
              <td className="min-w-64 pr-3">
                <Sentence phrases={sentence} />
              </td>
              {showContext ? (
                <td className="pr-3">
                  {event.applicationId ? <ApplicationCell id={event.applicationId} name={names.applications.get(event.applicationId)} /> : "—"}
                </td>
              ) : null}
              <td className="pr-3">
                <Fields fields={fields} />
              </td>
              <td className="font-mono text-xs">{event.ipAddress ?? "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

function Sentence({ phrases }: { phrases: Phrase[] }) {
  return (
    <>
      {phrases.map((phrase, index) =>
        typeof phrase === "string" ? (
          phrase
        ) : phrase.href ? (
          <Link key={index} href={phrase.href} className="text-indigo-700 underline">
            {phrase.text}
          </Link>
        ) : (
          phrase.text
        ),
      )}
    </>
  );
}

function Fields({ fields }: { fields: AuditField[] }) {
  if (fields.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
      {fields.map(({ label, value }) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ApplicationCell({ id, name }: { id: string; name?: string }) {
  if (!name) return <span className="text-slate-600">Deleted application</span>;
  return (
    <Link href={`/applications/${id}`} className="text-indigo-700 underline">
      {name}
    </Link>
  );
}
