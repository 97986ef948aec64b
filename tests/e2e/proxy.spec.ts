// The proxy through the portal's real server (scripts/server.ts serves its
// route itself): headers by allowlist plus the ones every response carries, a
// large answer streamed through intact, and a body over the limit refused
// before Bitbucket is called.
import { bitbucketConnectedThroughTheApi, expect, fakeBitbucket, test } from "./support";

test("through the server: allowlisted headers each way, a 20 MB file intact, a body over the limit refused before Bitbucket", async ({
  browser,
  playwright,
}) => {
  const { api, connection } = await bitbucketConnectedThroughTheApi(browser, playwright, "Proxy through the server", "proxied-1");
  const proxy = `/api/v1/connections/${connection.id}/proxy`;

  const user = await api.get(`${proxy}/2.0/user`, { headers: { Cookie: "next-auth.session-token=portal-session", Accept: "application/json" } });
  expect(user.status()).toBe(200);
  expect(user.headers()["content-type"]).toContain("application/json");
  expect(user.headers()["x-content-type-options"]).toBe("nosniff");
  expect(user.headers()["x-frame-options"]).toBe("DENY");
  const seen = (await fakeBitbucket.lastApiRequest())!;
  expect(seen.headers).not.toHaveProperty("cookie");
  expect(seen.headers.authorization).not.toContain("lk_");

  const size = 20 * 1024 * 1024;
  await fakeBitbucket.addRepositoryFile("e2e/large.bin", size);
  const file = await api.get(`${proxy}/2.0/repositories/ada/demo/src/main/e2e/large.bin`);
  expect(file.status()).toBe(200);
  const body = await file.body();
  expect(body.length).toBe(size);
  // The fake stamps each 64 KB chunk with its index: every chunk arrived, in order.
  for (let index = 0; index * 65_536 < size; index += 1) expect(Number(body.readBigUInt64BE(index * 65_536))).toBe(index);

  const before = (await fakeBitbucket.stats()).apiRequests;
  const tooLarge = await api.post(`${proxy}/2.0/snippets`, {
    data: Buffer.alloc(11 * 1024 * 1024, 0x61),
    headers: { "Content-Type": "application/octet-stream" },
  });
  expect(tooLarge.status()).toBe(413);
  expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  expect((await fakeBitbucket.stats()).apiRequests).toBe(before);
});
