import { apiRoute, clientAddress } from "@/lib/api/route";
import { readToken } from "@/lib/connections/token-read";

/** A fresh access token for the connection (never the refresh token). */
export const GET = apiRoute<{ connectionId: string }>(async (request, caller) =>
  Response.json(await readToken(caller, caller.params.connectionId, clientAddress(request)), { headers: { "Cache-Control": "no-store" } }),
);
