import { apiHandler } from "@/lib/api";
import { apiKeyCheck } from "@/lib/api-keys";
import { proxyApiCall } from "@/lib/proxy";

type Params = { connectionId: string; path: string[] };

/** Calls the provider's API as the connected account; status, allowed headers and body come back as they are, streamed. */
const proxy = apiHandler<Params>(async (request, { connectionId, path }) =>
  proxyApiCall(apiKeyCheck, request.headers.get("authorization"), connectionId, {
    method: request.method,
    path,
    search: request.nextUrl.search,
    headers: request.headers,
    // Not even looked at for GET and HEAD: reading request.body makes Next set up a stream of the request.
    body: request.method === "GET" || request.method === "HEAD" ? null : request.body,
  }),
);

export { proxy as GET, proxy as HEAD, proxy as POST, proxy as PUT, proxy as PATCH, proxy as DELETE };
