import { Pagination } from "@/components/portal/pagination";
import { searchValues, type SearchParams } from "@/components/portal/list-query";
import { Card } from "@/components/ui/card";
import type { RequestLogScope } from "@/lib/request-log";
import { CallsTable } from "./calls-table";
import { loadCalls } from "./load-calls";
import { StatusFilter } from "./status-filter";

type Props = {
  title: string;
  description: string;
  scope: RequestLogScope;
  path: string;
  searchParams: SearchParams;
  /** The URL parameters of this list: a page holding two paginated lists gives each its own. */
  parameters: { status: string; cursor: string };
  filterLabel: string;
  paginationLabel?: string;
  /** Links each call to its connection (the application's list, across connections). */
  connectionHref?: (connectionId: string) => string;
};

/** Proxied calls, newest first, filtered by status class and paged: a connection's Recent calls and the application's Requests. */
export async function CallsCard({ title, description, scope, path, searchParams, parameters, filterLabel, paginationLabel, connectionHref }: Props) {
  const values = searchValues(searchParams, [parameters.status, parameters.cursor]);
  const status = values[parameters.status];
  const cursor = values[parameters.cursor];
  const page = await loadCalls(scope, { status, cursor }, connectionHref);
  return (
    <Card title={title} description={description}>
      <div className="space-y-4">
        <StatusFilter path={path} name={parameters.status} status={status} label={filterLabel} />
        {page.problem ? <p className="text-sm text-red-700">{page.problem}</p> : null}
        <CallsTable rows={page.items} emptyText={status || cursor ? "No calls match." : "No calls yet. Calls through the proxy appear here."} />
        <Pagination
          path={path}
          filters={{ [parameters.status]: status }}
          cursor={cursor}
          nextCursor={page.nextCursor}
          cursorName={parameters.cursor}
          label={paginationLabel}
        />
      </div>
    </Card>
  );
}
