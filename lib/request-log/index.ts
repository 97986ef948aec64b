// The request log: every proxied call (method, path without the query's
// values, status, duration, bytes each way, retries, who called, when),
// never a header or a body.
import "server-only";

export { logProxyCall, type ProxyCall } from "./write";
