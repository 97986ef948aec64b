// The proxy streams both ways within PROXY_MAX_BODY_BYTES, retries only
// where it is safe, and logs every call, against the fake Bitbucket over
// real HTTP. Large bodies are produced and consumed a chunk at a time, so
// what is measured is the proxy's own buffering.
import { createHash } from "node:crypto";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { repositoryFileContent } from "../fakes/bitbucket/files";
import * as proxyRoute from "@/app/api/v1/connections/[connectionId]/proxy/[...path]/route";
import { updateAllowedOrigins } from "@/lib/applications";
import { db } from "@/lib/db";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";
import { stored } from "../support/connections";

const consumer = { key: "stream-key", secret: "stream-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository:write", "snippet"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const owner = await makeUser();
const application = await makeApplication(owner, "Streaming app");
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const { key: apiKey, apiKey: apiKeyRow } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer, ["account", "repository:write", "snippet"]);
const landing = await connectEndUser(apiKey, { endUserId: "streamer", provider: "bitbucket", returnUrl: "https://app.example/" });
const connectionId = landing.searchParams.get("connectionId")!;

beforeEach(() => {
  fake.clearFailures();
  fake.resetStats();
});

type Method = "GET" | "HEAD" | "POST";

/** A proxied call as the route receives it; `body` may be a stream, sent without Content-Length unless given. */
function proxy(method: Method, path: string, { body, headers = {} }: { body?: ReadableStream<Uint8Array> | string; headers?: Record<string, string> } = {}) {
  const init = { method, body, duplex: "half", headers: { authorization: `Bearer ${apiKey}`, ...headers } };
  const request = new NextRequest(
    new URL(`/api/v1/connections/${connectionId}/proxy/${path}`, "http://localhost:3999"),
    init as ConstructorParameters<typeof NextRequest>[1],
  );
  return proxyRoute[method](request, { params: Promise.resolve({ connectionId, path: path.split("?")[0]!.split("/") }) });
}

/** `totalBytes` of the fake's file content, produced one chunk per pull, never ahead of the reader. */
function producedUpload(totalBytes: number) {
  const producer = { pulledBytes: 0, cancelled: false, sha256: createHash("sha256") };
  const chunks = repositoryFileContent(totalBytes);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) return controller.close();
        producer.pulledBytes += next.value.length;
        producer.sha256.update(next.value);
        controller.enqueue(next.value);
      },
      cancel() {
        producer.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, producer };
}

function sha256Of(bytes: number): string {
  const digest = createHash("sha256");
  for (const chunk of repositoryFileContent(bytes)) digest.update(chunk);
  return digest.digest("hex");
}

async function logRows() {
  return (await db()).proxyRequest.findMany({ where: { connectionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

const UPLOAD_PATH = "2.0/repositories/ada/demo/downloads";

describe("request bodies stream to the provider, within PROXY_MAX_BODY_BYTES", () => {
  test("an 8 MB body without Content-Length arrives whole at Bitbucket", async () => {
    const { stream, producer } = producedUpload(8 * 1024 * 1024);
    const response = await proxy("POST", UPLOAD_PATH, { body: stream, headers: { "content-type": "application/octet-stream" } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ size: 8 * 1024 * 1024 });
    expect(fake.downloadsUploads().at(-1)).toEqual({ bytes: 8 * 1024 * 1024, sha256: producer.sha256.digest("hex"), complete: true });
  });

  test("a chunked body that passes the limit answers 413 and Bitbucket never sees a complete body; the rest is never read", async () => {
    const earlier = fake.downloadsUploads().length;
    const { stream, producer } = producedUpload(30 * 1024 * 1024);
    const response = await proxy("POST", UPLOAD_PATH, { body: stream });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: "payload_too_large" });
    expect(producer.cancelled).toBe(true);
    expect(producer.pulledBytes).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * CHUNK_BYTES);
    // Bitbucket had started receiving it, and saw the upload cut off, not finished.
    await expect.poll(() => fake.downloadsUploads().slice(earlier)).toHaveLength(1);
    const [upload] = fake.downloadsUploads().slice(earlier);
    expect(upload).toMatchObject({ complete: false });
    expect(upload!.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
  });

  test("a body whose Content-Length passes the limit answers 413 before Bitbucket is called", async () => {
    const { stream, producer } = producedUpload(12 * 1024 * 1024);
    const response = await proxy("POST", UPLOAD_PATH, { body: stream, headers: { "content-length": String(12 * 1024 * 1024) } });
    expect(response.status).toBe(413);
    expect(producer.pulledBytes).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(fake.stats().apiRequests).toBe(0);
  });
});

describe("answers stream back to the caller", () => {
  test("a 50 MB file arrives intact while the process's memory stays far below its size", async () => {
    const size = 50 * 1024 * 1024;
    fake.addRepositoryFile("assets/big.bin", size);
    const before = process.memoryUsage().rss;
    let peak = before;
    const response = await proxy("GET", "2.0/repositories/ada/demo/src/main/assets/big.bin");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(size));
    const digest = createHash("sha256");
    let received = 0;
    const reader = response.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      digest.update(next.value);
      received += next.value.byteLength;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(received).toBe(size);
    expect(digest.digest("hex")).toBe(sha256Of(size));
    // Held whole, the body alone would add 50 MB (and its copies more).
    expect(peak - before).toBeLessThan(25 * 1024 * 1024);
  });

  test("a caller that stops reading stops the download from Bitbucket, and the log shows what was passed on", async () => {
    fake.addRepositoryFile("assets/huge.bin", 200 * 1024 * 1024);
    const response = await proxy("GET", "2.0/repositories/ada/demo/src/main/assets/huge.bin");
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const rowsOfThisCall = async () => (await logRows()).filter((row) => row.path === "2.0/repositories/ada/demo/src/main/assets/huge.bin");
    await expect.poll(async () => (await rowsOfThisCall()).length).toBe(1);
    // A read still pending when the caller left must not log the call a second time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rows = await rowsOfThisCall();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 200, errorCode: null });
    expect(rows[0]!.responseBytes).toBeGreaterThan(0n);
    expect(rows[0]!.responseBytes).toBeLessThan(BigInt(200 * 1024 * 1024));
  });
});

test("a GET's stray Content-Length never reaches Bitbucket (it would wait for a body that is not coming)", async () => {
  const response = await proxy("GET", "2.0/user", { headers: { "content-length": "5", "content-type": "application/json" } });
  expect(response.status).toBe(200);
  expect(fake.lastApiRequest()!.headers).not.toHaveProperty("content-length");
});

describe("retries, only where safe", () => {
  test("a GET answered 429 with Retry-After is asked again after the wait, at most twice", async () => {
    fake.failNext("api", { status: 429, headers: { "Retry-After": "1" }, body: { type: "error", error: { message: "slow down" } }, times: 2 });
    const started = Date.now();
    const response = await proxy("GET", "2.0/user");
    expect(response.status).toBe(200);
    expect(response.headers.get("latchkey-retries")).toBe("2");
    expect(fake.stats().apiRequests).toBe(3);
    // Both waits of one second were kept (a lower bound: how long the provider asked for).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  test("a third 503 is handed back as it is, after two retries", async () => {
    fake.failNext("api", { status: 503, headers: { "Retry-After": "0" }, times: 3 });
    const response = await proxy("GET", "2.0/user");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("0");
    expect(fake.stats().apiRequests).toBe(3);
  });

  test("Retry-After as an HTTP date is honoured", async () => {
    fake.failNext("api", { status: 503, headers: { "Retry-After": new Date(Date.now() + 1000).toUTCString() } });
    expect((await proxy("GET", "2.0/user")).status).toBe(200);
    expect(fake.stats().apiRequests).toBe(2);
  });

  test("a wait longer than PROXY_MAX_RETRY_WAIT_SECONDS is the caller's: the 429 comes back at once", async () => {
    fake.failNext("api", { status: 429, headers: { "Retry-After": "3600" } });
    const response = await proxy("GET", "2.0/user");
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3600");
    expect(fake.stats().apiRequests).toBe(1);
  });

  test("a POST is never retried", async () => {
    fake.failNext("api", { status: 503, headers: { "Retry-After": "0" } });
    const response = await proxy("POST", "2.0/snippets", { body: JSON.stringify({ title: "once" }), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(503);
    expect(fake.stats().apiRequests).toBe(1);
  });

  test("Latchkey-Retries: 0 turns retries off, and the header never reaches Bitbucket", async () => {
    fake.failNext("api", { status: 429, headers: { "Retry-After": "0" } });
    const response = await proxy("GET", "2.0/user", { headers: { "Latchkey-Retries": "0" } });
    expect(response.status).toBe(429);
    expect(fake.stats().apiRequests).toBe(1);
    expect(fake.lastApiRequest()!.headers).not.toHaveProperty("latchkey-retries");
  });

  test("Latchkey-Retries outside 0–2 is a validation error", async () => {
    const response = await proxy("GET", "2.0/user", { headers: { "Latchkey-Retries": "5" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("validation_failed");
    expect(fake.stats().apiRequests).toBe(0);
  });
});

describe("a token Bitbucket rejects", () => {
  test("a small body is sent again with the refreshed token", async () => {
    fake.expireAccessTokens();
    const response = await proxy("POST", "2.0/snippets", { body: JSON.stringify({ title: "again" }), headers: { "content-type": "application/json" } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ title: "again" });
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);
  });

  test("a body too large to hold gets Bitbucket's 401 back, with the token already replaced for the caller's retry", async () => {
    const rejected = (await stored(connectionId)).accessToken;
    fake.expireAccessTokens();
    const { stream } = producedUpload(1024 * 1024);
    const response = await proxy("POST", UPLOAD_PATH, { body: stream });
    expect(response.status).toBe(401);
    expect((await stored(connectionId)).accessToken).not.toBe(rejected);
    const again = producedUpload(1024 * 1024);
    expect((await proxy("POST", UPLOAD_PATH, { body: again.stream })).status).toBe(201);
  });
});

describe("the request log", () => {
  test("each call is one row: method, path without the query's values, status, bytes each way, retries, the key; no header or body", async () => {
    await (await db()).proxyRequest.deleteMany({});
    fake.failNext("api", { status: 503, headers: { "Retry-After": "0" } });
    const response = await proxy("GET", "2.0/repositories/ada?q=secret-search&pagelen=2", { headers: { "if-none-match": '"tag-value"' } });
    const text = await response.text();
    await expect.poll(async () => (await logRows()).length).toBe(1);
    const [row] = await logRows();
    expect(row).toMatchObject({
      applicationId: application.id,
      apiKeyId: apiKeyRow.id,
      userId: null,
      method: "GET",
      path: "2.0/repositories/ada?q=&pagelen=",
      status: 200,
      errorCode: null,
      requestBytes: 0n,
      responseBytes: BigInt(Buffer.byteLength(text)),
      retries: 1,
    });
    expect(JSON.stringify(row, (_key, field: unknown) => (typeof field === "bigint" ? String(field) : field))).not.toMatch(/secret-search|tag-value|Bearer/);
  });

  test("a path is logged as it was sent, percent-encoded: a NUL in a segment cannot make the row unwritable", async () => {
    await (await db()).proxyRequest.deleteMany({});
    const response = await proxyRoute.GET(
      new NextRequest(new URL(`/api/v1/connections/${connectionId}/proxy/2.0/repositories/x`, "http://localhost:3999"), {
        headers: { authorization: `Bearer ${apiKey}` },
      }),
      { params: Promise.resolve({ connectionId, path: ["2.0", "repositories", "ada\u0000x"] }) },
    );
    expect(response.status).toBe(200);
    await response.text();
    await expect.poll(async () => (await logRows()).map((row) => row.path)).toEqual(["2.0/repositories/ada%00x"]);
  });

  test("a call the vault answers itself is logged with its status and code", async () => {
    await (await db()).proxyRequest.deleteMany({});
    const { stream } = producedUpload(11 * 1024 * 1024);
    await proxy("POST", UPLOAD_PATH, { body: stream });
    await expect.poll(async () => (await logRows()).length).toBe(1);
    expect((await logRows())[0]).toMatchObject({ status: 413, errorCode: "payload_too_large", method: "POST" });
  });
});
