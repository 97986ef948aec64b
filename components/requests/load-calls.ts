import { loadListPage, type ListPage } from "@/components/portal/list-query";
import { ValidationFailed } from "@/lib/errors";
import { findProvider } from "@/lib/providers";
import { callersOf, listProxyRequests, statusClass, type RequestLogScope } from "@/lib/request-log";
import type { CallRow } from "./calls-table";

const PAGE_SIZE = 25;

/**
 * One page of calls with who made them, for a portal list. The status comes from the URL: one that is
 * not a class reads as the same words as a bad cursor. `connectionHref` links each call to its
 * connection (the application's list).
 */
export async function loadCalls(
  scope: RequestLogScope,
  values: { status?: string; cursor?: string },
  connectionHref?: (connectionId: string) => string,
): Promise<ListPage<CallRow>> {
  return loadListPage(
    (async () => {
      const status = statusClass.optional().safeParse(values.status);
      if (!status.success) throw new ValidationFailed([{ path: "status", message: "Not a status class." }]);
      const page = await listProxyRequests(scope, { status: status.data, cursor: values.cursor, limit: PAGE_SIZE });
      const callers = await callersOf(page.items);
      const items = page.items.map((call, index) => ({
        call,
        caller: callers[index]!,
        connection: connectionHref && {
          label: `${call.connection.endUserId} · ${findProvider(call.connection.provider)?.name ?? call.connection.provider}`,
          href: connectionHref(call.connectionId),
        },
      }));
      return { items, nextCursor: page.nextCursor };
    })(),
  );
}
