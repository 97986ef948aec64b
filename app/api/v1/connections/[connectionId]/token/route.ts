import { apiHandler } from "@/lib/api";
import { clientAddress } from "@/lib/http";
import { apiKeyCheck } from "@/lib/api-keys";
import { readToken } from "@/lib/connections";

/** A fresh access token (never the refresh token). It checks the API key itself, in the same lookup as the connection. */
export const GET = apiHandler<{ connectionId: string }>(async (request, { connectionId }) =>
  Response.json(await readToken(apiKeyCheck, request.headers.get("authorization"), connectionId, clientAddress(request.headers)), {
    headers: { "Cache-Control": "no-store" },
  }),
);
