// The request log: every proxied call (method, path without the query's
// values, status, duration, bytes each way, retries, who called, when),
// never a header or a body.
import "server-only";

export { logProxyCall, type ProxyCall } from "./write";
export {
  listProxyRequests,
  statusClass,
  statusClasses,
  type ProxyRequestPage,
  type ProxyRequestRow,
  type RequestLogFilter,
  type RequestLogScope,
  type StatusClass,
} from "./list";
export { proxyRequestView, type ProxyRequestView } from "./view";
export { callersOf, type Caller } from "./callers";
export { pruneRequestLog, startRequestLogPruner, type PruneResult } from "./prune";
