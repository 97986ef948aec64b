import { describe, expect, test } from "vitest";
import { expandScopes, findProvider, missingScopes, providerHosts, providers, redirectUri } from "@/lib/providers";

const bitbucket = findProvider("bitbucket")!;

describe("provider catalog", () => {
  test("Bitbucket's card: developer tools, no PKCE, automatic refresh, HTTP Basic client auth", () => {
    expect(bitbucket).toMatchObject({
      name: "Bitbucket",
      category: "Developer Tools",
      pkce: false,
      tokenRefresh: "automatic",
      clientAuth: "client_secret_basic",
    });
  });

  test("the nine documented scopes come with the documented descriptions", () => {
    const documented = bitbucket.scopes.filter((scope) => scope.documented);
    expect(documented.map((scope) => scope.id)).toEqual([
      "account",
      "repository",
      "repository:write",
      "pullrequest",
      "issue",
      "webhook",
      "pipeline",
      "pipeline:write",
      "snippet",
    ]);
    expect(documented.find((scope) => scope.id === "pipeline")?.description).toBe("Read access to Bitbucket Pipelines CI/CD");
  });

  test("implications expand transitively", () => {
    expect([...expandScopes(bitbucket, ["pullrequest:write"])].sort()).toEqual(["pullrequest", "pullrequest:write", "repository", "repository:write"]);
    expect([...expandScopes(bitbucket, ["repository:admin"])]).toEqual(["repository:admin"]);
  });

  test("missing scopes are the required ones not covered by what was granted", () => {
    expect(missingScopes(bitbucket, ["account", "repository", "issue"], ["account", "pullrequest"])).toEqual(["issue"]);
    expect(missingScopes(bitbucket, ["repository"], ["project"])).toEqual([]);
  });

  test("hosts default to Bitbucket's and honour the environment overrides", () => {
    expect(providerHosts(bitbucket, {})).toEqual({ auth: "https://bitbucket.org", api: "https://api.bitbucket.org" });
    expect(providerHosts(bitbucket, { BITBUCKET_AUTH_BASE_URL: "http://127.0.0.1:4010/", BITBUCKET_API_BASE_URL: "http://127.0.0.1:4011" })).toEqual({
      auth: "http://127.0.0.1:4010",
      api: "http://127.0.0.1:4011",
    });
  });

  test("the redirect URI is built from APP_URL", () => {
    expect(redirectUri("https://vault.example.com", bitbucket)).toBe("https://vault.example.com/api/oauth/bitbucket/callback");
  });

  test.each(providers.map((provider) => [provider.name, provider] as const))("%s's Try a request example is a path the proxy accepts", (_name, provider) => {
    // The proxy's rule: the path, with a trailing slash, starts with one of the declared prefixes.
    expect(provider.proxyPathPrefixes.some((prefix) => `${provider.exampleRequest.path}/`.startsWith(prefix))).toBe(true);
    expect(provider.exampleRequest.path).not.toMatch(/^\//);
  });
});
