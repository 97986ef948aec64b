import { apiHandler } from "@/lib/api/route";
import { clientAddress } from "@/lib/http";
import { readToken } from "@/lib/connections/token-read";

/** A fresh access token (never the refresh token). It checks the API key itself, in the same lookup as the connection. */
export const GET = apiHandler<{ connectionId: string }>(async (request, { connectionId }) =>
  Response.json(await readToken(request.headers.get("authorization"), connectionId, clientAddress(request.headers)), { headers: { "Cache-Control": "no-store" } }),
);
