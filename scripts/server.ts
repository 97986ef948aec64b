// The portal's HTTP server (`npm start`): Next.js's production request
// handler behind a plain Node server of ours, so that the client's address is
// worked out from the socket before Next sees the request. `next start` would
// leave a client-supplied X-Forwarded-For in place of the socket's address;
// here every request gets our header (lib/http) computed from the socket and
// TRUST_PROXY_HOPS, and whatever a client sent in that header is overwritten.
// The proxy's route is served here directly (./proxy-route.ts), everything
// else by Next. Requires `next build` first.
import { createServer, type IncomingMessage } from "node:http";
import { getConfig, ConfigError } from "../lib/config";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "../lib/http";

// What `next start` does: a production server runs with NODE_ENV=production
// (React and Next pick their production builds from it). Set before Next loads.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });
// tsx turns source maps on for the whole process, which `next start` leaves off: every stack trace
// Next.js or React builds would then be mapped through the server bundles' maps. Off, as under
// `next start` (measured with npm run bench:token: token reads 88 % of the bare route at the median
// of six runs, against 81 % of seven with maps on).
process.setSourceMapsEnabled(false);
const { default: next } = await import("next");

/** How long in-flight requests may take to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

let config: ReturnType<typeof getConfig>;
try {
  config = getConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[latchkey] ${error.message}`);
  process.exit(1);
}

const app = next({ dev: false, hostname: "localhost", port: config.port });
const handle = app.getRequestHandler();
await app.prepare();
// Loaded once Next has set up its runtime (the route handler's imports expect it).
const { serveProxyRoute } = await import("./proxy-route");

function stampClientAddress(request: IncomingMessage): void {
  const address = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], config.trustProxyHops);
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete request.headers[CLIENT_ADDRESS_HEADER];
}

const server = createServer((request, response) => {
  stampClientAddress(request);
  if (!serveProxyRoute(request, response, config.appUrl)) void handle(request, response);
});
server.listen(config.port, () => console.log(`[latchkey] listening on http://localhost:${config.port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Stop accepting connections, let requests in flight finish, then leave.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  });
}
