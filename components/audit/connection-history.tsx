import { loadListPage } from "@/components/portal/list-query";
import { Pagination } from "@/components/portal/pagination";
import { listAuditEvents, loadAuditNames } from "@/lib/audit";
import { AuditTable } from "./audit-table";

/** A connection's audit events as sentences, newest first, a page at a time. */
export async function ConnectionHistory({ connectionId, path, cursor }: { connectionId: string; path: string; cursor?: string }) {
  const history = await loadListPage(listAuditEvents({ connectionId }, { cursor }));
  const names = await loadAuditNames(history.items);
  return (
    <>
      {history.problem ? <p className="text-sm text-red-700">{history.problem}</p> : null}
      <AuditTable events={history.items} names={names} showContext={false} emptyText="No events." />
      <Pagination path={path} filters={{}} cursor={cursor} nextCursor={history.nextCursor} />
    </>
  );
}
