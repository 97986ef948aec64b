import Link from "next/link";
import type { ConnectionView } from "@/lib/connections";
import { findProvider } from "@/lib/providers";
import { Table } from "@/components/ui/table";
import { AccountSummary } from "./account";
import { isoDate, tokenExpiry } from "./format";
import { MissingScopesBadge, StatusBadge } from "./status";

type ConnectionRow = {
  view: ConnectionView;
  /** The connection's detail page. */
  href: string;
  /** Set on the admin list, which spans applications. */
  application?: { name: string; href: string };
  /** Why it needs re-authorization, in words (reauthorizationReasons). */
  reauthorization?: string;
};

/** Connected accounts, for one application's page and for the admin's list of all. */
export function ConnectionsTable({ rows, showApplication = false, emptyText }: { rows: ConnectionRow[]; showApplication?: boolean; emptyText: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <Table label="Connections">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          {showApplication ? <th className="py-2 pr-3">Application</th> : null}
          <th className="py-2 pr-3">End-user ID</th>
          <th className="pr-3">Provider</th>
          <th className="pr-3">Account</th>
          <th className="pr-3">Granted scopes</th>
          <th className="pr-3">Status</th>
          <th className="pr-3">Token expires</th>
          <th className="pr-3">Created</th>
          <th>Last refreshed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ view, href, application, reauthorization }) => (
          <tr key={view.id} className="border-b border-slate-100 align-top">
            {showApplication ? (
              <td className="py-2 pr-3">
                {application ? (
                  <Link href={application.href} className="text-indigo-700 underline">
                    {application.name}
                  </Link>
                ) : null}
              </td>
            ) : null}
            <td className="py-2 pr-3">
              <Link href={href} className="font-mono text-indigo-700 underline">
                {view.endUserId}
              </Link>
            </td>
            <td className="pr-3">{findProvider(view.provider)?.name ?? view.provider}</td>
            <td className="pr-3">
              <AccountSummary account={view.account} />
            </td>
            <td className="space-y-1 pr-3">
              <div className="font-mono text-xs">{view.grantedScopes.join(" ") || "none"}</div>
              <MissingScopesBadge scopes={view.missingScopes} />
            </td>
            <td className="max-w-xs pr-3">
              <StatusBadge status={view.status} />
              {reauthorization ? <p className="mt-1 text-xs text-amber-900">{reauthorization}</p> : null}
            </td>
            <td className="pr-3">{tokenExpiry(view)}</td>
            <td className="pr-3">{isoDate(view.createdAt)}</td>
            <td>{isoDate(view.lastRefreshedAt)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
