import Link from "next/link";
import { Table } from "@/components/ui/table";
import type { Caller, ProxyRequestRow } from "@/lib/request-log";
import { byteSize, callTime, errorInWords } from "./words";

export type CallRow = {
  call: ProxyRequestRow;
  caller: Caller;
  /** Set on the application's list, which spans connections. */
  connection?: { label: string; href: string };
};

/** Proxied calls, newest first: facts only (the path's query keeps its names, never a value). */
export function CallsTable({ rows, emptyText }: { rows: CallRow[]; emptyText: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  const showConnection = rows.some((row) => row.connection);
  return (
    <Table label="Proxied calls">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          <th className="py-2 pr-3">When</th>
          {showConnection ? <th className="pr-3">Connection</th> : null}
          <th className="pr-3">Method</th>
          <th className="pr-3">Path</th>
          <th className="pr-3">Status</th>
          <th className="pr-3">Duration</th>
          <th className="pr-3">Sent / received</th>
          <th className="pr-3">Retries</th>
          <th>Caller</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ call, caller, connection }) => (
          <tr key={call.id} className="border-b border-slate-100 align-top">
            <td className="whitespace-nowrap py-2 pr-3">{callTime(call.createdAt)}</td>
            {showConnection ? (
              <td className="pr-3">
                {connection ? (
                  <Link href={connection.href} className="text-indigo-700 underline">
                    {connection.label}
                  </Link>
                ) : null}
              </td>
            ) : null}
            <td className="pr-3 font-mono">{call.method}</td>
            <td className="break-all pr-3 font-mono text-xs">{call.path}</td>
            <td className="pr-3">
              <span className="font-mono">{call.status}</span>
              {call.errorCode ? <span className="text-slate-700">: {errorInWords(call.errorCode)}</span> : null}
            </td>
            <td className="whitespace-nowrap pr-3">{call.durationMs} ms</td>
            <td className="whitespace-nowrap pr-3">
              {byteSize(Number(call.requestBytes))} / {byteSize(Number(call.responseBytes))}
            </td>
            <td className="pr-3">{call.retries}</td>
            <td>
              <CallerName caller={caller} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function CallerName({ caller }: { caller: Caller }) {
  if (!caller) return "—";
  if (caller.kind === "api_key") return <>API key {caller.name ?? "(deleted)"}</>;
  return <>{caller.email ?? "a deleted portal user"} (portal)</>;
}
