import { Pagination } from "@/components/portal/pagination";
import { searchValues, type SearchParams } from "@/components/portal/list-query";
import { Card } from "@/components/ui/card";
import { CallsTable } from "./calls-table";
import { loadCalls } from "./load-calls";
import { StatusFilter } from "./status-filter";

/** A connection page's "Recent calls": its proxied calls, newest first, filtered by status class. Its URL parameters are its own (calls…). */
export async function RecentCalls({ connectionId, path, searchParams }: { connectionId: string; path: string; searchParams: SearchParams }) {
  const { callsStatus, callsCursor } = searchValues(searchParams, ["callsStatus", "callsCursor"]);
  const page = await loadCalls({ connectionId }, { status: callsStatus, cursor: callsCursor });
  return (
    <Card
      title="Recent calls"
      description="Calls made through the proxy with this connection, newest first. Query values, headers and bodies are never recorded."
    >
      <div className="space-y-4">
        <StatusFilter path={path} name="callsStatus" status={callsStatus} label="Filter recent calls" />
        {page.problem ? <p className="text-sm text-red-700">{page.problem}</p> : null}
        <CallsTable rows={page.items} emptyText={callsStatus || callsCursor ? "No calls match." : "No calls yet. Calls through the proxy appear here."} />
        <Pagination
          path={path}
          filters={{ callsStatus }}
          cursor={callsCursor}
          nextCursor={page.nextCursor}
          cursorName="callsCursor"
          label="Pages of recent calls"
        />
      </div>
    </Card>
  );
}
