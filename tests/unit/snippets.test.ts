import { describe, expect, test } from "vitest";
import { snippets } from "@/components/onboarding/snippets";

const base = "https://vault.example.com/api/v1";

describe("code for the next step", () => {
  test("each language calls the application's real URL with the key from the environment, or the key itself once revealed", () => {
    const request = { kind: "connect-session", providerId: "gitlab", returnOrigin: "https://app.example" } as const;
    const [curl, node, python] = snippets(base, request);
    expect([curl!.label, node!.label, python!.label]).toEqual(["curl", "Node.js", "Python"]);
    for (const { code } of [curl!, node!, python!]) {
      expect(code).toContain(`${base}/connect-sessions`);
      expect(code).toContain("LATCHKEY_API_KEY");
    }
    // The curl body is the JSON the API expects.
    const body = /-d '(.*)'/.exec(curl!.code)![1]!;
    expect(JSON.parse(body)).toEqual({ endUserId: "user-123", provider: "gitlab", returnUrl: "https://app.example/integrations" });

    const withKey = snippets(base, request, "lk_live_example");
    for (const { code } of withKey) {
      expect(code).toContain("Bearer lk_live_example");
      expect(code).not.toContain("LATCHKEY_API_KEY");
    }
  });

  test("a token read and a proxied call name the connection, or a placeholder before there is one", () => {
    expect(snippets(base, { kind: "token", connectionId: "conn_1" })[0]!.code).toContain(`${base}/connections/conn_1/token`);
    expect(snippets(base, { kind: "proxy", connectionId: null, path: "2.0/user" })[2]!.code).toContain(`${base}/connections/CONNECTION_ID/proxy/2.0/user`);
  });
});
