import { searchValues, type SearchParams } from "@/components/portal/list-query";
import { Pagination } from "@/components/portal/pagination";
import { CallsTable } from "@/components/requests/calls-table";
import { loadCalls } from "@/components/requests/load-calls";
import { StatusFilter } from "@/components/requests/status-filter";
import { Card } from "@/components/ui/card";
import { getApplication } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";

export const metadata = { title: "Requests" };

type Props = { params: Promise<{ applicationId: string }>; searchParams: Promise<SearchParams> };

export default async function RequestsPage({ params, searchParams }: Props) {
  const { applicationId } = await params;
  const application = await loadOrNotFound(getApplication(await requireActor(), applicationId));
  const { status, cursor } = searchValues(await searchParams, ["status", "cursor"]);
  const path = `/applications/${application.id}/requests`;
  const page = await loadCalls(
    { applicationId: application.id },
    { status, cursor },
    (connectionId) => `/applications/${application.id}/connections/${connectionId}`,
  );
  return (
    <Card
      title="Requests"
      description="Calls made through the proxy with any of this application's connections, newest first. Query values, headers and bodies are never recorded."
    >
      <div className="space-y-4">
        <StatusFilter path={path} name="status" status={status} label="Filter requests" />
        {page.problem ? <p className="text-sm text-red-700">{page.problem}</p> : null}
        <CallsTable rows={page.items} emptyText={status || cursor ? "No calls match." : "No calls yet. Calls through the proxy appear here."} />
        <Pagination path={path} filters={{ status }} cursor={cursor} nextCursor={page.nextCursor} />
      </div>
    </Card>
  );
}
