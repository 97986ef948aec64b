import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { loadListPage, searchValues, type SearchParams } from "@/components/portal/list-query";
import { Pagination } from "@/components/portal/pagination";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { listAuditLog } from "@/lib/admin";
import { requireAdmin } from "@/lib/auth";

export const metadata = { title: "Audit log" };

const path = "/admin/audit";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireAdmin();
  const { cursor, ...filters } = searchValues(await searchParams, ["action", "cursor"]);
  const page = await loadListPage(listAuditLog(actor, { ...filters, cursor }));
  return (
    <Card title="Audit log" description="Who did what, to which application or connection, when and from where; newest first. Details never hold a secret.">
      <div className="space-y-4">
        <form method="get" action={path} aria-label="Filter the audit log" className="flex flex-wrap items-start gap-4">
          <div className="w-72">
            <Field
              label="Action"
              name="action"
              defaultValue={filters.action}
              maxLength={100}
              hint="Exact, for example connection.failed or connection.disconnected."
            />
          </div>
          <div className="flex items-center gap-3 pt-6">
            <Button type="submit" variant="secondary">
              Apply filter
            </Button>
            {filters.action ? (
              <Link href={path} className="text-sm text-indigo-700 underline">
                Clear filter
              </Link>
            ) : null}
          </div>
        </form>
        {page.problem ? <p className="text-sm text-red-700">{page.problem}</p> : null}
        <AuditTable rows={page.items} emptyText={cursor || filters.action ? "No events match." : "No events yet."} />
        <Pagination path={path} filters={filters} cursor={cursor} nextCursor={page.nextCursor} />
      </div>
    </Card>
  );
}
