import { RecentConnectFailures } from "@/components/connections/connect-failures";
import { ConnectionFilters, connectionSearchNames } from "@/components/connections/connection-filters";
import { ConnectionsTable } from "@/components/connections/connections-table";
import { reauthorizationReasons } from "@/components/connections/reauthorization";
import { TestConnectionCard } from "@/components/connections/try-it-test-connection-card";
import { loadListPage, searchValues, type SearchParams } from "@/components/portal/list-query";
import { Pagination } from "@/components/portal/pagination";
import { Card } from "@/components/ui/card";
import { getApplication } from "@/lib/applications";
import { listAuditEvents } from "@/lib/audit";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { connectionView, listConnections } from "@/lib/connections";
import { listProviderConfigs } from "@/lib/provider-configs";
import { findProvider } from "@/lib/providers";
import { testConnectionAction } from "./try-it-actions";
import { disconnectAction } from "./actions";

export const metadata = { title: "Connections" };

type Props = { params: Promise<{ applicationId: string }>; searchParams: Promise<SearchParams> };

export default async function ConnectionsPage({ params, searchParams }: Props) {
  const { applicationId } = await params;
  const actor = await requireActor();
  const application = await loadOrNotFound(getApplication(actor, applicationId));
  const testable = (await listProviderConfigs(actor, application.id))
    .filter((config) => config.enabled)
    .map((config) => ({ id: config.provider, name: findProvider(config.provider)?.name ?? config.provider }));
  const { cursor, ...filters } = searchValues(await searchParams, connectionSearchNames);
  const [page, failures] = await Promise.all([
    loadListPage(listConnections({ applicationId: application.id }, { ...filters, cursor })),
    listAuditEvents({ applicationId: application.id }, { action: "connection.failed", limit: 5 }),
  ]);
  const path = `/applications/${application.id}/connections`;
  const reasons = await reauthorizationReasons(page.items);
  return (
    <div className="space-y-6">
      <TestConnectionCard applicationId={application.id} providers={testable} action={testConnectionAction} />
      <Card title="Connected accounts" description="Your end users' accounts, newest first. Tokens are never shown here.">
        <div className="space-y-4">
          <ConnectionFilters path={path} {...filters} />
          {page.problem ? <p className="text-sm text-red-700">{page.problem}</p> : null}
          <ConnectionsTable
            rows={page.items.map((connection) => ({
              view: connectionView(connection),
              href: `${path}/${connection.id}`,
              reauthorization: reasons.get(connection.id),
            }))}
            disconnect={disconnectAction}
            emptyText={
              cursor || Object.keys(filters).length
                ? "No connections match."
                : "No connections yet. They appear here when end users connect through a connect link."
            }
          />
          <Pagination path={path} filters={filters} cursor={cursor} nextCursor={page.nextCursor} />
        </div>
      </Card>
      <Card title="Recent connect failures" description="The last attempts that ended without a connection, with the words the end user read.">
        <RecentConnectFailures events={failures.items} />
      </Card>
    </div>
  );
}
