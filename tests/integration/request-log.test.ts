// What a backend relies on in the request log: GET /api/v1/connections/{id}/requests
// lists a connection's proxied calls newest first, page by page, filtered by status
// class, to its own application only; what is stored is facts (never a query value,
// a header or a body); and calls older than the retention are pruned in batches.
// Rows are written through logProxyCall, the one function the proxy calls.
import { afterEach, describe, expect, test, vi } from "vitest";
import { GET as listRequests } from "@/app/api/v1/connections/[connectionId]/requests/route";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { callersOf, listProxyRequests, logProxyCall, pruneRequestLog, type ProxyCall } from "@/lib/request-log";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";

const owner = await makeUser();
const stranger = await makeUser();
const application = await makeApplication(owner, "Request log app");
const otherApplication = await makeApplication(stranger, "Another app");
const { key, apiKey } = await makeApiKey(owner, application.id);
const { key: otherKey } = await makeApiKey(stranger, otherApplication.id);

async function makeConnection(applicationId: string, endUserId = `user-${newId("conn")}`) {
  return (await db()).connection.create({
    data: { id: newId("conn"), applicationId, provider: "bitbucket", endUserId, providerAccountId: `{${endUserId}}`, status: "ACTIVE" },
  });
}

const base = Date.parse("2026-11-29T03:00:00.000Z");

function call(connection: { id: string; applicationId: string }, fields: Partial<ProxyCall> = {}): ProxyCall {
  return {
    applicationId: connection.applicationId,
    connectionId: connection.id,
    apiKeyId: apiKey.id,
    userId: null,
    method: "GET",
    path: "2.0/user",
    status: 200,
    errorCode: null,
    startedAt: new Date(base),
    durationMs: 12,
    requestBytes: 0,
    responseBytes: 345,
    retries: 0,
    ...fields,
  };
}

type Listed = { data: Record<string, unknown>[]; nextCursor: string | null };

async function list(connectionId: string, query = "", apiKeyText = key) {
  return callRoute(listRequests, { url: `/api/v1/connections/${connectionId}/requests${query}`, apiKey: apiKeyText }, { connectionId });
}

async function listed(connectionId: string, query = ""): Promise<Listed> {
  const response = await list(connectionId, query);
  expect(response.status).toBe(200);
  return (await response.json()) as Listed;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("GET /api/v1/connections/{id}/requests", () => {
  test("lists the connection's calls newest first, page by page, each once (ties broken by id), and no other connection's", async () => {
    const connection = await makeConnection(application.id);
    const neighbour = await makeConnection(application.id);
    // Minutes ago for each call; three share one instant, so only the id tiebreak keeps pages from skipping or repeating.
    const minutesAgo = [5, 0, 3, 3, 3, 1, 4];
    await Promise.all(
      minutesAgo.map((minutes, index) => logProxyCall(call(connection, { startedAt: new Date(base - minutes * 60_000), path: `2.0/call/${index}` }))),
    );
    await logProxyCall(call(neighbour, { startedAt: new Date(base + 60_000) }));

    const all = await listed(connection.id);
    expect(all.nextCursor).toBeNull();
    const rows = all.data.map((row) => ({ id: String(row.id), createdAt: String(row.createdAt) }));
    const newestFirst = [...rows].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    expect(rows).toEqual(newestFirst);
    expect(all.data.map((row) => row.path)).toEqual(["2.0/call/1", "2.0/call/5", ...all.data.slice(2, 5).map((row) => row.path), "2.0/call/6", "2.0/call/0"]);
    expect(all.data.every((row) => row.connectionId === connection.id)).toBe(true);

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Listed = await listed(connection.id, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      walked.push(...page.data.map((row) => String(row.id)));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(walked).toEqual(rows.map((row) => row.id));
    expect(pages).toBe(4);
  });

  test("each call reads as the facts the proxy gave: method, path, status, error code, duration, bytes, retries, key, when", async () => {
    const connection = await makeConnection(application.id);
    await logProxyCall(
      call(connection, {
        method: "POST",
        path: "2.0/repositories/acme/issues",
        status: 504,
        errorCode: "provider_timeout",
        durationMs: 10_003.6,
        requestBytes: 1_234,
        responseBytes: 96,
        retries: 2,
      }),
    );
    const { data } = await listed(connection.id);
    expect(data).toEqual([
      {
        id: expect.stringMatching(/^req_/) as string,
        connectionId: connection.id,
        apiKeyId: apiKey.id,
        method: "POST",
        path: "2.0/repositories/acme/issues",
        status: 504,
        errorCode: "provider_timeout",
        durationMs: 10_004,
        requestBytes: 1_234,
        responseBytes: 96,
        retries: 2,
        createdAt: new Date(base).toISOString(),
      },
    ]);
  });

  test("status=4xx lists only the 4xx calls, status=5xx the provider's and the vault's own 5xx answers", async () => {
    const connection = await makeConnection(application.id);
    const statuses = [200, 204, 304, 401, 404, 429, 500, 502, 599];
    await Promise.all(statuses.map((status, index) => logProxyCall(call(connection, { status, startedAt: new Date(base - index * 1000) }))));
    await logProxyCall(call(connection, { status: 502, errorCode: "provider_unreachable", startedAt: new Date(base - 60_000) }));

    const statusesOf = async (statusClass: string) => (await listed(connection.id, `?status=${statusClass}`)).data.map((row) => row.status);
    expect(await statusesOf("2xx")).toEqual([200, 204]);
    expect(await statusesOf("3xx")).toEqual([304]);
    expect(await statusesOf("4xx")).toEqual([401, 404, 429]);
    expect(await statusesOf("5xx")).toEqual([500, 502, 599, 502]);

    const filteredPages = await listed(connection.id, "?status=4xx&limit=2");
    expect(filteredPages.data.map((row) => row.status)).toEqual([401, 404]);
    const rest = await listed(connection.id, `?status=4xx&limit=2&cursor=${filteredPages.nextCursor}`);
    expect(rest.data.map((row) => row.status)).toEqual([429]);
    expect(rest.nextCursor).toBeNull();
  });

  test("another application's key gets 404 not_found for the connection's calls, and its own connection's calls are not listed", async () => {
    const connection = await makeConnection(application.id);
    await logProxyCall(call(connection));

    const response = await list(connection.id, "", otherKey);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "The connection was not found." } });

    const foreign = await makeConnection(otherApplication.id);
    await logProxyCall(call(foreign, { apiKeyId: null }));
    const mine = await list(foreign.id);
    expect(mine.status).toBe(404);
    expect(((await mine.json()) as { error: { code: string } }).error.code).toBe("not_found");

    expect((await list("conn_does_not_exist")).status).toBe(404);
    expect((await list(connection.id, "", "lk_not_a_key")).status).toBe(401);
  });

  test("a status class, limit or cursor it does not know is refused with validation_failed", async () => {
    const connection = await makeConnection(application.id);
    for (const query of ["?status=200", "?status=6xx", "?limit=0", "?limit=101", "?cursor=bogus"]) {
      const response = await list(connection.id, query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code, query).toBe("validation_failed");
    }
  });
});

describe("what the request log stores", () => {
  test("the query keeps its parameter names, never a value; the fragment goes too", async () => {
    const connection = await makeConnection(application.id);
    const paths = {
      "2.0/repositories/acme?page=2&role=member": "2.0/repositories/acme?page=&role=",
      "2.0/user?fields=secret-value&access_token=tok_leak#frag-value": "2.0/user?fields=&access_token=",
      "2.0/search?q=a%3Db&&flag": "2.0/search?q=&flag=",
      "2.0/user?": "2.0/user",
      "2.0/user": "2.0/user",
    };
    for (const [index, sent] of Object.keys(paths).entries()) await logProxyCall(call(connection, { path: sent, startedAt: new Date(base - index * 1000) }));

    const { data } = await listed(connection.id);
    expect(data.map((row) => row.path)).toEqual(Object.values(paths));
    const stored = await (await db()).proxyRequest.findMany({ where: { connectionId: connection.id } });
    for (const value of ["secret-value", "tok_leak", "frag-value", "member", "a%3Db"])
      expect(JSON.stringify(stored, (_key, field: unknown) => (typeof field === "bigint" ? String(field) : field))).not.toContain(value);
  });

  test("a row holds facts only: no column could hold a header or a body", async () => {
    const connection = await makeConnection(application.id);
    await logProxyCall(call(connection));
    const [row] = await (await db()).proxyRequest.findMany({ where: { connectionId: connection.id } });
    expect(Object.keys(row!).sort()).toEqual(
      [
        "apiKeyId",
        "applicationId",
        "connectionId",
        "createdAt",
        "durationMs",
        "errorCode",
        "id",
        "method",
        "path",
        "requestBytes",
        "responseBytes",
        "retries",
        "status",
        "userId",
      ].sort(),
    );
  });

  test("a row the database refuses does not reject the proxy's call: it is reported in the server log", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // No such connection: the foreign key refuses the row.
    await expect(logProxyCall(call({ id: "conn_gone", applicationId: application.id }))).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toContain("could not write a proxied call to the request log");
    expect(String(errors.mock.calls[0]![0])).toContain("conn_gone");
  });

  test("the portal names each call's caller: the API key's name, or the email of the portal user who tried it", async () => {
    const connection = await makeConnection(application.id);
    await logProxyCall(call(connection, { startedAt: new Date(base) }));
    await logProxyCall(call(connection, { apiKeyId: null, userId: owner.userId, startedAt: new Date(base - 1000) }));
    await logProxyCall(call(connection, { apiKeyId: null, userId: null, startedAt: new Date(base - 2000) }));

    const page = await listProxyRequests({ connectionId: connection.id }, { limit: 3 });
    expect(page.items.map((row) => row.connection)).toEqual(Array(3).fill({ endUserId: connection.endUserId, provider: "bitbucket" }));
    expect(await callersOf(page.items)).toEqual([{ kind: "api_key", name: "backend" }, { kind: "user", email: owner.email }, null]);
  });

  test("deleting the application deletes its calls", async () => {
    const doomed = await makeApplication(owner, "Doomed app");
    const connection = await makeConnection(doomed.id);
    await logProxyCall(call(connection));
    const prisma = await db();
    expect(await prisma.proxyRequest.count({ where: { applicationId: doomed.id } })).toBe(1);
    await prisma.application.delete({ where: { id: doomed.id } });
    expect(await prisma.proxyRequest.count({ where: { applicationId: doomed.id } })).toBe(0);
  });
});

describe("pruning the request log", () => {
  const day = 86_400_000;

  test("one run deletes every call older than REQUEST_LOG_RETENTION_DAYS (30) and keeps the newer ones", async () => {
    const connection = await makeConnection(application.id);
    const now = new Date(base + 400 * day);
    const ages = { old: 30 * day + 1, older: 45 * day, recent: 30 * day - 1000, fresh: 0 };
    await pruneRequestLog(now); // the other tests' calls, so the count below is this test's
    for (const [name, age] of Object.entries(ages)) await logProxyCall(call(connection, { path: name, startedAt: new Date(now.getTime() - age) }));

    const result = await pruneRequestLog(now);
    expect(result).toEqual({ deleted: 2, batches: 1 });
    const kept = await (await db()).proxyRequest.findMany({ where: { connectionId: connection.id }, orderBy: { createdAt: "desc" } });
    expect(kept.map((row) => row.path)).toEqual(["fresh", "recent"]);
  });

  test("a large backlog goes in batches, and a call logged while it runs is written and kept", async () => {
    const connection = await makeConnection(application.id);
    const now = new Date(base + 800 * day);
    const prisma = await db();
    await pruneRequestLog(now);
    const old = Array.from({ length: 1_201 }, (_, index) => ({
      id: newId("req"),
      createdAt: new Date(now.getTime() - 31 * day - index * 1000),
      applicationId: application.id,
      connectionId: connection.id,
      method: "GET",
      path: "2.0/user",
      status: 200,
      durationMs: 1,
      requestBytes: 0,
      responseBytes: 1,
      retries: 0,
    }));
    await prisma.proxyRequest.createMany({ data: old });

    const pruning = pruneRequestLog(now, 500);
    const during = logProxyCall(call(connection, { path: "during", startedAt: now }));
    const [result] = await Promise.all([pruning, during]);

    expect(result).toEqual({ deleted: 1_201, batches: 3 });
    const left = await prisma.proxyRequest.findMany({ where: { connectionId: connection.id } });
    expect(left.map((row) => row.path)).toEqual(["during"]);
  });
});
