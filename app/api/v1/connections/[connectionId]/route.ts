import { apiRoute } from "@/lib/api";
import { clientAddress } from "@/lib/http";
import { connectionView, disconnect, getConnection } from "@/lib/connections";

type Params = { connectionId: string };

/** A connection's metadata (never its tokens). */
export const GET = apiRoute<Params>(async (_request, { application, params }) =>
  Response.json(connectionView(await getConnection(application.id, params.connectionId))),
);

/**
 * Disconnects: the token is revoked at the provider where it can be, the tokens are deleted and the
 * connection is marked revoked. `remoteRevocation` tells the caller whether the provider revoked it
 * too (`failed`: the end user may still see the access in their provider settings).
 */
export const DELETE = apiRoute<Params>(async (request, { application, apiKeyId, params }) => {
  const connection = await getConnection(application.id, params.connectionId);
  const disconnected = await disconnect(connection, { type: "API_KEY", id: apiKeyId }, clientAddress(request.headers));
  return Response.json({ ...connectionView(disconnected.connection), remoteRevocation: disconnected.remoteRevocation });
});
