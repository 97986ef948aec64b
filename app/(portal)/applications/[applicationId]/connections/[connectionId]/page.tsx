import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ConnectionHistory } from "@/components/audit/connection-history";
import { AccountSummary } from "@/components/connections/account";
import { isoDate, tokenExpiry } from "@/components/connections/format";
import { reauthorizationReasons } from "@/components/connections/reauthorization";
import { RefreshHealth } from "@/components/connections/refresh-health";
import { remoteRevocationSentence } from "@/components/connections/remote-revocation";
import { MissingScopesBadge, StatusBadge } from "@/components/connections/status";
import { TryItCard } from "@/components/connections/try-it-card";
import { searchValues, type SearchParams } from "@/components/portal/list-query";
import { CallsCard } from "@/components/requests/calls-card";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { listAuditEvents } from "@/lib/audit";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { connectionView, getConnectionForActor } from "@/lib/connections";
import { findProvider } from "@/lib/providers";
import { disconnectAction, reconnectLinkAction } from "../actions";
import { getTokenAction, tryRequestAction } from "../try-it-actions";

export const metadata = { title: "Connection" };

type Props = { params: Promise<{ applicationId: string; connectionId: string }>; searchParams: Promise<SearchParams> };

export default async function ConnectionPage({ params, searchParams }: Props) {
  const { applicationId, connectionId } = await params;
  const actor = await requireActor();
  const connection = await loadOrNotFound(getConnectionForActor(actor, connectionId));
  // Another application's connection is not found here, even for an admin: the URL must tell the truth.
  if (connection.applicationId !== applicationId) notFound();
  const view = connectionView(connection);
  const { cursor } = searchValues(await searchParams, ["cursor"]);
  const providerName = findProvider(view.provider)?.name ?? view.provider;
  const disconnected =
    view.status === "revoked" ? (await listAuditEvents({ connectionId: view.id }, { action: "connection.disconnected", limit: 1 })).items[0] : undefined;
  const path = `/applications/${applicationId}/connections/${view.id}`;
  const reauthorization = (await reauthorizationReasons([connection])).get(connection.id);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/applications/${applicationId}/connections`} className="text-indigo-700 underline">
          ← All connections
        </Link>
      </p>
      <Card
        title={`Connection of ${view.endUserId}`}
        description="What the vault knows of this account. Its tokens stay sealed: only your backend (through the API) and the application's owner (Get token) read them, and every read is in the audit log."
      >
        <div className="space-y-4">
          <AccountSummary account={view.account} />
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm">
            <Item term="Status">
              <StatusBadge status={view.status} />
            </Item>
            <Item term="End-user ID">
              <span className="font-mono">{view.endUserId}</span>
            </Item>
            <Item term="Provider">{providerName}</Item>
            <Item term="Account ID">
              <span className="font-mono">{view.account.id}</span>
            </Item>
            <Item term="Email">{view.account.email ?? "—"}</Item>
            <Item term="Granted scopes">
              <span className="font-mono">{view.grantedScopes.join(" ") || "none"}</span> <MissingScopesBadge scopes={view.missingScopes} />
            </Item>
            <Item term="Token expires">{tokenExpiry(view)}</Item>
            <Item term="Last refreshed">{isoDate(view.lastRefreshedAt)}</Item>
            <Item term="Created">{isoDate(view.createdAt)}</Item>
            <Item term="Updated">{isoDate(view.updatedAt)}</Item>
            <Item term="Connection ID">
              <span className="font-mono">{view.id}</span>
            </Item>
          </dl>
          {view.status === "needs_reauthorization" ? (
            <div className="space-y-3">
              <p className="text-sm text-amber-900">{reauthorization} The end user must connect again; until then the API answers 424.</p>
              <ActionForm action={reconnectLinkAction} submitLabel="Create reconnect link" revealedLabel="Reconnect link">
                <input type="hidden" name="connectionId" value={view.id} />
              </ActionForm>
            </div>
          ) : null}
        </div>
      </Card>
      {view.status === "revoked" ? null : (
        <Card title="Refresh health" description="How refreshing this connection's token has gone.">
          <RefreshHealth connection={connection} />
        </Card>
      )}
      {/* Using the credentials is the owner's alone: an admin reviews and disconnects, but does not read another developer's tokens. */}
      {view.status === "active" && connection.application.ownerId === actor.userId ? (
        <TryItCard connectionId={view.id} example={findProvider(view.provider)!.exampleRequest} getToken={getTokenAction} tryRequest={tryRequestAction} />
      ) : null}
      <Card title="Disconnect" description="Deletes the tokens and marks the connection Revoked. Your backend can no longer get a token for it.">
        {view.status === "revoked" ? (
          <p className="text-sm text-slate-700">
            This connection is revoked: its tokens are deleted. {remoteRevocationSentence(providerName, disconnected?.details.remoteRevocation)} The end user
            can connect again through a new connect link.
          </p>
        ) : (
          <ActionForm
            action={disconnectAction}
            submitLabel="Disconnect"
            variant="danger"
            confirm={
              <p>
                Disconnect {view.account.displayName ?? view.endUserId}&apos;s {providerName} account? The end user must connect again to restore access.
              </p>
            }
          >
            <input type="hidden" name="connectionId" value={view.id} />
          </ActionForm>
        )}
      </Card>
      <CallsCard
        title="Recent calls"
        description="Calls made through the proxy with this connection, newest first. Query values, headers and bodies are never recorded."
        scope={{ connectionId: view.id }}
        path={path}
        searchParams={await searchParams}
        parameters={{ status: "callsStatus", cursor: "callsCursor" }}
        filterLabel="Filter recent calls"
        paginationLabel="Pages of recent calls"
      />
      <Card title="History" description="This connection's audit events, newest first.">
        <ConnectionHistory connectionId={view.id} path={path} cursor={cursor} />
      </Card>
    </div>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{term}</dt>
      {/* Ids and scope lists break anywhere rather than widen a phone's page. */}
      <dd className="wrap-anywhere">{children}</dd>
    </>
  );
}
