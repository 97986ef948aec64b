import { apiRoute, readBody } from "@/lib/api";
import { getConfig } from "@/lib/config";
import { clientAddress } from "@/lib/http";
import { proxyToProvider } from "@/lib/connections";

type Params = { connectionId: string; path: string[] };

/** Calls the provider's API as the connected account; status, body and content type come back as they are. */
const proxy = apiRoute<Params>(async (request, caller) =>
  proxyToProvider(caller, caller.params.connectionId, {
    method: request.method,
    path: caller.params.path,
    search: request.nextUrl.search,
    headers: request.headers,
    body: request.method === "GET" || request.method === "HEAD" ? null : (await readBody(request, getConfig().proxyMaxBodyBytes)).buffer,
    ipAddress: clientAddress(request.headers),
  }),
);

export { proxy as GET, proxy as POST, proxy as PUT, proxy as PATCH, proxy as DELETE };
