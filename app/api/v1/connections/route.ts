import { apiRoute } from "@/lib/api";
import { connectionView, listConnections } from "@/lib/connections";

/** Connections of this application, newest first; `?provider=&endUserId=&status=&cursor=&limit=`. */
export const GET = apiRoute(async (request, { application }) => {
  const filter = Object.fromEntries(request.nextUrl.searchParams);
  const page = await listConnections({ applicationId: application.id }, filter);
  return Response.json({ data: page.items.map(connectionView), nextCursor: page.nextCursor });
});
