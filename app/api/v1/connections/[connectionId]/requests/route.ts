import { z } from "zod";
import { apiRoute } from "@/lib/api";
import { getConnection } from "@/lib/connections";
import { listProxyRequests, proxyRequestView, statusClass } from "@/lib/request-log";
import { parseInput } from "@/lib/validation";

const query = z.object({
  status: statusClass.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The connection's proxied calls, newest first; `?status=2xx|3xx|4xx|5xx&cursor=&limit=`. Another application's connection is 404. */
export const GET = apiRoute<{ connectionId: string }>(async (request, { application, params }) => {
  const filter = parseInput(query, Object.fromEntries(request.nextUrl.searchParams));
  const connection = await getConnection(application.id, params.connectionId);
  const page = await listProxyRequests({ connectionId: connection.id }, filter);
  return Response.json({ data: page.items.map(proxyRequestView), nextCursor: page.nextCursor });
});
