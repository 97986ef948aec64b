// `npm run bench:token`: token reads per second and p50/p99 latency of
// GET /api/v1/connections/{id}/token (authenticated, audited, unsealed),
// beside a bare route handler with a constant body of the same size, in the
// same run, 50 connections, against the production build on this machine,
// with the per API key rate limit on (at a limit the run cannot reach).
// Requires `next build` first. DATABASE_URL may name PostgreSQL; default is a
// fresh SQLite file.
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { rmSync } from "node:fs";
import { applyMigrations } from "../lib/db/migrate";
import { benchEnvironment, median, RATE_LIMIT_PER_MINUTE, waitForHealth } from "./bench/common";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 50;
const workDir = benchEnvironment(PORT);

await applyMigrations(process.env.DATABASE_URL!);
const { seedTokenBenchmark } = await import("./bench/seed");
const { apiKey, connectionId } = await seedTokenBenchmark();

// The portal's own server, as `npm start` runs it (on PORT).
const server = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/server.ts"], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
try {
  await waitForHealth(`http://127.0.0.1:${PORT}/api/health`);
  const targets = {
    bare: { url: `http://127.0.0.1:${PORT}/api/benchmark/baseline` },
    token: { url: `http://127.0.0.1:${PORT}/api/v1/connections/${connectionId}/token`, headers: { authorization: `Bearer ${apiKey}` } },
  };
  // Warm both routes (first-request compilation, connection pools) before measuring.
  for (const target of Object.values(targets)) await run(target, 3);
  const results: Record<keyof typeof targets, Result[]> = { bare: [], token: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of ["bare", "token"] as const) results[name].push(await run(targets[name], DURATION_SECONDS));
  }
  report(results);
} finally {
  server.kill("SIGTERM");
  if (process.env.DATABASE_URL!.startsWith("file:")) rmSync(workDir, { recursive: true, force: true });
}

type Result = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number };

async function run(target: { url: string; headers?: Record<string, string> }, seconds: number): Promise<Result> {
  const result = await autocannon({ ...target, connections: CONNECTIONS, duration: seconds });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function report(results: Record<"bare" | "token", Result[]>): void {
  const summary = (name: "bare" | "token") => ({
    rps: median(results[name].map((r) => r.requestsPerSecond)),
    p50: median(results[name].map((r) => r.p50)),
    p99: median(results[name].map((r) => r.p99)),
    failures: results[name].reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  });
  const bare = summary("bare");
  const token = summary("token");
  const database = process.env.DATABASE_URL!.startsWith("file:") ? "SQLite" : "PostgreSQL";
  console.log(`\nToken reads vs a bare route, ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_SECONDS} s each, ${database} (median of rounds)`);
  console.log(`  rate limit : on, API_RATE_LIMIT_PER_MINUTE=${RATE_LIMIT_PER_MINUTE} per key (unreachable here: it refuses nothing)`);
  console.log(`  bare route : ${bare.rps.toFixed(0)} req/s   p50 ${bare.p50} ms   p99 ${bare.p99} ms   failures ${bare.failures}`);
  console.log(`  token read : ${token.rps.toFixed(0)} req/s   p50 ${token.p50} ms   p99 ${token.p99} ms   failures ${token.failures}`);
  console.log(`  throughput : ${((100 * token.rps) / bare.rps).toFixed(1)} % of the bare route (target ≥ 85 %)`);
  console.log(`  p99        : ${(token.p99 / bare.p99).toFixed(2)} × the bare route (target ≤ 1.25 ×)`);
}
