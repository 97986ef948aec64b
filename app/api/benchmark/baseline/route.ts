// The yardstick for `npm run bench:token`: a bare route handler answering a
// constant body the size of a token response. It exists only when the
// benchmark starts the server with LATCHKEY_BENCHMARK=1.
const body = JSON.stringify({
  accessToken: "x".repeat(68),
  tokenType: "bearer",
  expiresAt: "2026-01-01T00:00:00.000Z",
  scopes: ["account", "repository"],
});

export function GET(): Response {
  if (process.env.LATCHKEY_BENCHMARK !== "1") return new Response("Not found", { status: 404 });
  return new Response(body, { headers: { "content-type": "application/json", "Cache-Control": "no-store" } });
}
