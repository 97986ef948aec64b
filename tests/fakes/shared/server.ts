import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RunningServer {
  /** Base URL on an address tests and browsers can dial (wildcard hosts become loopback). */
  readonly url: string;
  close: () => Promise<void>;
}

export interface ServeOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /**
   * Builds the request handler once the base URL is known (fakes put it in the links they return).
   * If it throws, the server is closed and the error rethrown.
   */
  setUp: (url: string) => RequestHandler;
  /** Answers a request whose handler threw, given the error's message; each fake speaks its provider's error shape. */
  onError: (res: ServerResponse, message: string) => void;
}

/** Wildcard listen addresses are not dialable; tests and browsers reach them on loopback. */
export function dialableHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections from fetch would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/** Starts an HTTP server for a fake provider; nothing is logged, so tokens never reach the output. */
export async function serve({ host = "127.0.0.1", port = 0, setUp, onError }: ServeOptions): Promise<RunningServer> {
  const server = createServer();
  const url = `http://${dialableHost(host)}:${await listen(server, host, port)}`;
  let handle: RequestHandler;
  try {
    handle = setUp(url);
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  // Attached synchronously after listening resolved, so no request can arrive without a handler.
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => onError(res, error instanceof Error ? error.message : String(error)));
  });
  return { url, close: () => closeServer(server) };
}

export interface ServedFake<State> extends RunningServer {
  readonly state: State;
}

/**
 * Serves a fake provider whose state needs the base URL (for links it returns), so the state is
 * built once the port is known, and every request is routed to it.
 */
export async function serveFake<State>(
  { host, port }: { host?: string; port?: number },
  createState: (url: string) => State,
  route: (req: IncomingMessage, res: ServerResponse, state: State) => Promise<void>,
  onError: ServeOptions["onError"],
): Promise<ServedFake<State>> {
  let created: State | undefined;
  const server = await serve({
    host,
    port,
    setUp: (url) => {
      const state = createState(url);
      created = state;
      return (req, res) => route(req, res, state);
    },
    onError,
  });
  if (created === undefined) throw new Error("The fake did not set up its state");
  return { url: server.url, state: created, close: () => server.close() };
}
