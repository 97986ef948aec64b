import { AuditFilters, auditSearchNames } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { loadListPage, searchValues, type SearchParams } from "@/components/portal/list-query";
import { Pagination } from "@/components/portal/pagination";
import { Card } from "@/components/ui/card";
import { listAuditLog } from "@/lib/admin";
import { loadAuditNames } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth";

export const metadata = { title: "Audit log" };

const path = "/admin/audit";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireAdmin();
  const { cursor, ...filters } = searchValues(await searchParams, auditSearchNames);
  const page = await loadListPage(listAuditLog(actor, { ...filters, cursor }));
  const names = await loadAuditNames(page.items);
  return (
    <Card title="Audit log" description="Who did what, to which application or connection, when and from where; newest first. Details never hold a secret.">
      <div className="space-y-4">
        <AuditFilters path={path} values={filters} />
        {page.problem ? <p className="text-sm text-red-700">{page.problem}</p> : null}
        <AuditTable events={page.items} names={names} emptyText={cursor || Object.keys(filters).length ? "No events match." : "No events yet."} />
        <Pagination path={path} filters={filters} cursor={cursor} nextCursor={page.nextCursor} />
      </div>
    </Card>
  );
}
