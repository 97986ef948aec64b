// JSON bodies on /api/v1 are bounded at 1 MB: an oversized body is refused
// with 413 without being read to the end, so a client cannot grow the
// server's memory by sending more. The bodies here are streams whose producer
// records how far it was pulled and whether the reader was cancelled.
import { describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { POST as createConnectSessionRoute } from "@/app/api/v1/connect-sessions/route";
import { MAX_BODY_BYTES } from "@/lib/api/body";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";

const CHUNK_BYTES = 64 * 1024;
const owner = await makeUser();
const application = await makeApplication(owner, "Body limit app");
const { key: apiKey } = await makeApiKey(owner, application.id);

/** A body of `totalBytes` (JSON `prefix`, then spaces) produced one chunk per pull, never ahead of the reader. */
function producedBody(totalBytes: number, prefix = "") {
  const producer = { pulledBytes: 0, cancelled: false };
  const head = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (producer.pulledBytes >= totalBytes) return controller.close();
        const chunk = new Uint8Array(Math.min(CHUNK_BYTES, totalBytes - producer.pulledBytes)).fill(0x20);
        if (producer.pulledBytes === 0) chunk.set(head.subarray(0, chunk.length));
        producer.pulledBytes += chunk.length;
        controller.enqueue(chunk);
      },
      cancel() {
        producer.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, producer };
}

function post(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): NextRequest {
  const init = { method: "POST", body, duplex: "half", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...headers } };
  return new NextRequest(new URL(url, "http://localhost:3999"), init as ConstructorParameters<typeof NextRequest>[1]);
}

const createSession = (request: NextRequest) => createConnectSessionRoute(request, { params: Promise.resolve({}) });

async function expectPayloadTooLarge(response: Response): Promise<void> {
  expect(response.status).toBe(413);
  expect((await response.json()).error).toMatchObject({ code: "payload_too_large", message: expect.stringMatching(/larger than the limit/) });
}

describe("request bodies on /api/v1 are bounded at 1 MB", () => {
  test("a 5 MB body that says so in Content-Length is refused with 413 before it is read", async () => {
    const fiveMegabytes = 5 * 1024 * 1024;
    const { stream, producer } = producedBody(fiveMegabytes, '{"endUserId":"big","provider":"bitbucket","padding":"');
    await expectPayloadTooLarge(await createSession(post("/api/v1/connect-sessions", stream, { "content-length": String(fiveMegabytes) })));
    expect(producer.pulledBytes).toBeLessThanOrEqual(2 * CHUNK_BYTES);
  });

  test("a chunked body without Content-Length is refused with 413 once it passes 1 MB: the reader is cancelled long before the end", async () => {
    const { stream, producer } = producedBody(5 * 1024 * 1024, '{"endUserId":"big","provider":"bitbucket","padding":"');
    await expectPayloadTooLarge(await createSession(post("/api/v1/connect-sessions", stream)));
    expect(producer.cancelled).toBe(true);
    expect(producer.pulledBytes).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * CHUNK_BYTES);
  });

  test("a body just under 1 MB is read and validated as usual (400 for the missing fields, not 413)", async () => {
    const { stream, producer } = producedBody(MAX_BODY_BYTES - 1, '{"padding":"x"}');
    const response = await createSession(post("/api/v1/connect-sessions", stream));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("validation_failed");
    expect(producer.pulledBytes).toBe(MAX_BODY_BYTES - 1);
  });
});
