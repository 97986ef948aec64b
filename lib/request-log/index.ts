// The request log: every proxied call (method, path without the query's
// values, status, duration, bytes each way, retries, who called, when),
// never a header or a body.
import "server-only";

export { logProxyCall, type ProxyCall } from "./write";
export { listProxyRequests, statusClass, type ProxyRequestRow, type RequestLogScope } from "./list";
export { proxyRequestView } from "./view";
export { callersOf, type Caller } from "./callers";
export { pruneRequestLog, startRequestLogPruner } from "./prune";
