// `npm run bench:proxy`: what the proxy adds to a provider call. Against the
// production build on this machine, with the fake Bitbucket in its own
// process, it measures in one run:
//   - at 1 connection, the latency of GET 2.0/user called directly at the fake
//     and through the proxy (p50 and p99 of sequential calls), and of the
//     bare route for reference;
//   - at 50 connections, the proxy's throughput beside a bare route handler's;
//   - the server's memory before and after a 100 MB upload and a 100 MB
//     download through the proxy.
// Requires `next build` first. DATABASE_URL may name PostgreSQL; default is a
// fresh SQLite file.
import { spawn, type ChildProcess } from "node:child_process";
import { Readable } from "node:stream";
import autocannon from "autocannon";
import { Agent, request } from "undici";
import { readFileSync, rmSync } from "node:fs";
import { applyMigrations } from "../lib/db/migrate";
import { benchEnvironment, median, waitForHealth } from "./bench/common";
import { fakeBitbucketControl } from "../tests/fakes/bitbucket/control";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const FAKE_PORT = Number(process.env.BENCH_FAKE_PORT ?? 4510);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SEQUENTIAL_CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const CONNECTIONS = 50;
const LARGE_BODY_BYTES = 100 * 1024 * 1024;
const CONSUMER = { key: "bench-key", secret: "bench-secret" };

const fakeUrl = `http://127.0.0.1:${FAKE_PORT}`;
const workDir = benchEnvironment(PORT, {
  // Room for the 100 MB upload of the memory check.
  PROXY_MAX_BODY_BYTES: String(2 * LARGE_BODY_BYTES),
  BITBUCKET_AUTH_BASE_URL: fakeUrl,
  BITBUCKET_API_BASE_URL: fakeUrl,
});

const children: ChildProcess[] = [];
try {
  children.push(
    spawn("node_modules/.bin/tsx", ["tests/fakes/bitbucket/cli.ts", "--port", String(FAKE_PORT)], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        FAKE_BITBUCKET_CLIENT_ID: CONSUMER.key,
        FAKE_BITBUCKET_CLIENT_SECRET: CONSUMER.secret,
        FAKE_BITBUCKET_PERMISSIONS: "account repository:write",
      },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  await waitForHealth(`${fakeUrl}/__control/stats`);
  const fake = fakeBitbucketControl(fakeUrl);
  const { accessToken } = await fake.issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
  await fake.addRepositoryFile("bench/large.bin", LARGE_BODY_BYTES);

  await applyMigrations(process.env.DATABASE_URL!);
  const { seedTokenBenchmark } = await import("./bench/seed");
  const { apiKey, connectionId } = await seedTokenBenchmark(accessToken);

  // The portal's own server as `npm start` runs it, in this very process so its memory can be read.
  const server = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/server.ts"], {
    env: process.env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(server);
  await waitForHealth(`http://127.0.0.1:${PORT}/api/health`);

  const proxyBase = `http://127.0.0.1:${PORT}/api/v1/connections/${connectionId}/proxy`;
  const targets = {
    direct: { url: `${fakeUrl}/2.0/user`, headers: { authorization: `Bearer ${accessToken}` } },
    proxy: { url: `${proxyBase}/2.0/user`, headers: { authorization: `Bearer ${apiKey}` } },
    bare: { url: `http://127.0.0.1:${PORT}/api/benchmark/baseline`, headers: {} },
  };

  // Warm every route (first-request compilation, pools) before measuring.
  for (const target of Object.values(targets)) await throughput(target, 2);

  const latency: Record<"direct" | "proxy" | "bare", number[][]> = { direct: [], proxy: [], bare: [] };
  const rps: Record<"bare" | "proxy", number[]> = { bare: [], proxy: [] };
  const failures = { count: 0 };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of ["direct", "proxy", "bare"] as const) latency[name].push(await sequentialLatencies(targets[name], failures));
    for (const name of ["bare", "proxy"] as const) {
      const result = await throughput(targets[name], DURATION_SECONDS);
      rps[name].push(result.requests.average);
      failures.count += result.non2xx + result.errors + result.timeouts;
    }
  }

  const memory = await largeBodies(server.pid!, proxyBase, apiKey);
  report(latency, rps, failures.count, memory);
} finally {
  for (const child of children) child.kill("SIGTERM");
  if (process.env.DATABASE_URL!.startsWith("file:")) rmSync(workDir, { recursive: true, force: true });
}

type Target = { url: string; headers: Record<string, string> };

/** One call after another over one kept-alive connection, as one client waiting on each answer would make them; milliseconds each. */
async function sequentialLatencies(target: Target, failures: { count: number }): Promise<number[]> {
  const dispatcher = new Agent({ connections: 1 });
  const times: number[] = [];
  try {
    for (let call = 0; call < SEQUENTIAL_CALLS; call += 1) {
      const started = performance.now();
      const { statusCode, body } = await request(target.url, { headers: target.headers, dispatcher });
      await body.dump();
      times.push(performance.now() - started);
      if (statusCode !== 200) failures.count += 1;
    }
  } finally {
    await dispatcher.close();
  }
  return times;
}

function throughput(target: Target, seconds: number) {
  return autocannon({ ...target, connections: CONNECTIONS, duration: seconds });
}

/** The server's resident memory (VmRSS) and its peak so far (VmHWM), in MB. */
function serverMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) / 1024;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

/** A 100 MB upload and a 100 MB download through the proxy, each a stream; the server's memory around them. */
async function largeBodies(pid: number, proxyBase: string, apiKey: string) {
  const authorization = `Bearer ${apiKey}`;
  const before = serverMemory(pid);
  async function* uploadChunks() {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let sent = 0; sent < LARGE_BODY_BYTES; sent += chunk.length) yield chunk;
  }
  const upload = await request(`${proxyBase}/2.0/repositories/ada/bench/downloads`, {
    method: "POST",
    headers: { authorization, "content-type": "application/octet-stream" },
    body: Readable.from(uploadChunks()),
  });
  const uploaded = (await upload.body.json()) as { size?: number };
  const afterUpload = serverMemory(pid);
  const download = await request(`${proxyBase}/2.0/repositories/ada/bench/src/main/bench/large.bin`, { headers: { authorization } });
  let downloaded = 0;
  for await (const chunk of download.body) downloaded += (chunk as Buffer).length;
  const afterDownload = serverMemory(pid);
  return { before, afterUpload, afterDownload, uploadStatus: upload.statusCode, uploaded: uploaded.size ?? 0, downloadStatus: download.statusCode, downloaded };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function report(
  latency: Record<"direct" | "proxy" | "bare", number[][]>,
  rps: Record<"bare" | "proxy", number[]>,
  failures: number,
  memory: Awaited<ReturnType<typeof largeBodies>>,
): void {
  const at = (name: "direct" | "proxy" | "bare", fraction: number) => median(latency[name].map((times) => percentile(times, fraction)));
  const direct = { p50: at("direct", 0.5), p99: at("direct", 0.99) };
  const proxy = { p50: at("proxy", 0.5), p99: at("proxy", 0.99) };
  const bare = { p50: at("bare", 0.5), p99: at("bare", 0.99) };
  const bareRps = median(rps.bare);
  const proxyRps = median(rps.proxy);
  const database = process.env.DATABASE_URL!.startsWith("file:") ? "SQLite" : "PostgreSQL";
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  console.log(`\nThe proxy, GET 2.0/user on the fake Bitbucket, ${database}, median of ${ROUNDS} rounds`);
  console.log(`At 1 connection (${SEQUENTIAL_CALLS} sequential calls a round):`);
  console.log(`  direct call : p50 ${direct.p50.toFixed(2)} ms   p99 ${direct.p99.toFixed(2)} ms`);
  console.log(`  via proxy   : p50 ${proxy.p50.toFixed(2)} ms   p99 ${proxy.p99.toFixed(2)} ms`);
  console.log(`  bare route  : p50 ${bare.p50.toFixed(2)} ms   p99 ${bare.p99.toFixed(2)} ms   (what any request to the portal's server costs)`);
  console.log(`  p50 added   : ${(proxy.p50 - direct.p50).toFixed(2)} ms (target ≤ 2 ms)`);
  console.log(`  p99         : ${(proxy.p99 / direct.p99).toFixed(2)} × the direct call (target ≤ 3 ×)`);
  console.log(`At ${CONNECTIONS} connections (${DURATION_SECONDS} s a round):`);
  console.log(`  bare route  : ${bareRps.toFixed(0)} req/s`);
  console.log(`  via proxy   : ${proxyRps.toFixed(0)} req/s = ${((100 * proxyRps) / bareRps).toFixed(1)} % of the bare route (target ≥ 80 %)`);
  console.log(`  failures    : ${failures} (non-2xx answers and errors, all rounds)`);
  console.log(`Server memory (resident; peak so far) around 100 MB bodies through the proxy:`);
  console.log(`  before      : ${mb(memory.before.rss)}; peak ${mb(memory.before.peak)}`);
  console.log(
    `  after upload: ${mb(memory.afterUpload.rss)}; peak ${mb(memory.afterUpload.peak)}   (HTTP ${memory.uploadStatus}, ${memory.uploaded} bytes arrived at the fake)`,
  );
  console.log(
    `  after download: ${mb(memory.afterDownload.rss)}; peak ${mb(memory.afterDownload.peak)}   (HTTP ${memory.downloadStatus}, ${memory.downloaded} bytes received)`,
  );
}
