import { apiRoute, readJson } from "@/lib/api";
import { clientAddress } from "@/lib/http";
import { createConnectSession } from "@/lib/connect";

/** A single-use link for one end user to connect a provider. */
export const POST = apiRoute(async (request, { application, apiKeyId }) => {
  const session = await createConnectSession(application, await readJson(request), {
    actor: { type: "API_KEY", id: apiKeyId },
    ipAddress: clientAddress(request.headers),
  });
  return Response.json(session, { status: 201 });
});
