// A separate server process for multi-process tests: it serves the real
// /api/v1 connection route handlers over HTTP, with the environment it was
// started with (shared database, fake Bitbucket). Run with
// `tsx --conditions=react-server tests/support/route-server.ts`; it prints
// `listening <port>` when ready.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import { GET as readToken } from "@/app/api/v1/connections/[connectionId]/token/route";

// Fire and forget: the route handler answers its own failures (apiRoute), so the promise does not reject.
const server = createServer((req, res) => void answer(req, res));

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const match = /^\/api\/v1\/connections\/([^/]+)\/token$/.exec(req.url ?? "");
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const request = new NextRequest(new URL(req.url!, "http://127.0.0.1"), { headers: req.headers as Record<string, string> });
  const response = await readToken(request, { params: Promise.resolve({ connectionId: match[1]! }) });
  res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/json" });
  res.end(Buffer.from(await response.arrayBuffer()));
}

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
