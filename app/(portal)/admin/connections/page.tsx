import { ConnectionFilters, connectionSearchNames } from "@/components/connections/connection-filters";
import { ConnectionsTable } from "@/components/connections/connections-table";
import { reauthorizationReasons } from "@/components/connections/reauthorization";
import { loadListPage, searchValues, type SearchParams } from "@/components/portal/list-query";
import { Pagination } from "@/components/portal/pagination";
import { Card } from "@/components/ui/card";
import { listAllConnections } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";
import { connectionView } from "@/lib/connections";

export const metadata = { title: "All connections" };

const path = "/admin/connections";

export default async function AdminConnectionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireAdmin();
  const { cursor, ...filters } = searchValues(await searchParams, connectionSearchNames);
  const page = await loadListPage(listAllConnections(actor, { ...filters, cursor }));
  const reasons = await reauthorizationReasons(page.items.map(({ connection }) => connection));
  return (
    <Card title="Connected accounts" description="Every application's connected accounts, newest first. Open one to see its history or disconnect it.">
      <div className="space-y-4">
        <ConnectionFilters path={path} {...filters} />
        {page.problem ? <p className="text-sm text-red-700">{page.problem}</p> : null}
        <ConnectionsTable
          showApplication
          rows={page.items.map(({ connection, applicationName }) => ({
            view: connectionView(connection),
            href: `/applications/${connection.applicationId}/connections/${connection.id}`,
            application: { name: applicationName ?? connection.applicationId, href: `/applications/${connection.applicationId}/connections` },
            reauthorization: reasons.get(connection.id),
          }))}
          emptyText={cursor || Object.keys(filters).length ? "No connections match." : "No connections yet."}
        />
        <Pagination path={path} filters={filters} cursor={cursor} nextCursor={page.nextCursor} />
      </div>
    </Card>
  );
}
