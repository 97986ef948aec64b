import Link from "next/link";
import type { ConnectionView } from "@/lib/connections";
import { findProvider } from "@/lib/providers";
import { ActionForm } from "@/components/ui/action-form";
import { MenuItemLink, RowMenu } from "@/components/ui/menu";
import { RowOutcome } from "@/components/ui/row-outcome";
import { Table } from "@/components/ui/table";
import type { FormState } from "@/lib/forms/state";
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

type Disconnect = (previous: FormState, formData: FormData) => Promise<FormState>;

/** Connected accounts, for one application's page (with each row's actions) and for the admin's list of all. */
export function ConnectionsTable({
  rows,
  showApplication = false,
  emptyText,
  disconnect,
}: {
  rows: ConnectionRow[];
  showApplication?: boolean;
  emptyText: string;
  /** When set, each row has an actions menu: open it, or disconnect it after a confirmation. */
  disconnect?: Disconnect;
}) {
  const table =
    rows.length === 0 ? <p className="text-sm text-slate-600">{emptyText}</p> : <Rows rows={rows} showApplication={showApplication} disconnect={disconnect} />;
  // With row actions, their outcome is said above the table (and stays when a search leaves no rows).
  return disconnect ? <RowOutcome>{table}</RowOutcome> : table;
}

function Rows({ rows, showApplication, disconnect }: { rows: ConnectionRow[]; showApplication: boolean; disconnect?: Disconnect }) {
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
          <th className={disconnect ? "pr-3" : undefined}>Last refreshed</th>
          {disconnect ? (
            <th>
              <span className="sr-only">Actions</span>
            </th>
          ) : null}
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
            <td className={disconnect ? "pr-3" : undefined}>{isoDate(view.lastRefreshedAt)}</td>
            {disconnect ? (
              <td className="text-right">
                <RowActions view={view} href={href} disconnect={disconnect} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function RowActions({ view, href, disconnect }: { view: ConnectionView; href: string; disconnect: Disconnect }) {
  const provider = findProvider(view.provider)?.name ?? view.provider;
  return (
    <RowMenu name={view.endUserId}>
      <MenuItemLink href={href}>Open {view.endUserId}</MenuItemLink>
      {view.status === "revoked" ? null : (
        <ActionForm
          action={disconnect}
          submitLabel={`Disconnect ${view.endUserId}`}
          variant="danger"
          confirm={
            <p>
              Disconnect {view.account.displayName ?? view.endUserId}&apos;s {provider} account? The end user must connect again to restore access.
            </p>
          }
        >
          <input type="hidden" name="connectionId" value={view.id} />
        </ActionForm>
      )}
    </RowMenu>
  );
}
