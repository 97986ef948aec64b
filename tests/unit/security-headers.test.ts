// The page headers built from configuration: HSTS only when APP_URL is https,
// the providers' authorize hosts (with overrides) only in the connect page's form-action.
import { expect, test } from "vitest";
import { contentSecurityPolicy, nonceOf, pageSecurityHeaders } from "@/lib/security-headers";

const production = { nodeEnv: "production" as const, environment: {} };
const nonce = "bm9uY2Utbm9uY2Utbm9uY2U=";

test("HSTS is sent when APP_URL is https, and not over plain http", () => {
  const https = pageSecurityHeaders({ ...production, appUrl: "https://vault.example.com" }, { nonce, pathname: "/applications" });
  expect(https["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  const http = pageSecurityHeaders({ ...production, appUrl: "http://localhost:3000" }, { nonce, pathname: "/applications" });
  expect(http).not.toHaveProperty("Strict-Transport-Security");
});

test("scripts need the response's nonce; no eval outside development; no framing, plugins or base tag", () => {
  const csp = contentSecurityPolicy(production, { nonce, pathname: "/applications" });
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toContain("unsafe-inline");
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
  expect(csp).toContain(`style-src 'self' 'nonce-${nonce}';`);
  expect(contentSecurityPolicy({ ...production, nodeEnv: "development" }, { nonce, pathname: "/" })).toContain("'unsafe-eval'");
});

test("only the connect page may send its form on to the providers' authorize hosts, overrides included", () => {
  expect(contentSecurityPolicy(production, { nonce, pathname: "/connect/abc" })).toContain(
    "form-action 'self' https://bitbucket.org https://gitlab.com https://github.com;",
  );
  expect(contentSecurityPolicy(production, { nonce, pathname: "/applications" })).toContain("form-action 'self';");
  const overridden = {
    ...production,
    environment: { BITBUCKET_AUTH_BASE_URL: "http://127.0.0.1:4010/", GITLAB_BASE_URL: "http://127.0.0.1:4020", GITHUB_AUTH_BASE_URL: "http://127.0.0.1:4030" },
  };
  expect(contentSecurityPolicy(overridden, { nonce, pathname: "/connect/abc" })).toContain(
    "form-action 'self' http://127.0.0.1:4010 http://127.0.0.1:4020 http://127.0.0.1:4030;",
  );
});

test("the end users' accounts page may show a developer's https logo, and its <style> tag gets the response's nonce", () => {
  const csp = contentSecurityPolicy(production, { nonce, pathname: "/connect/accounts/lkeu_abc" });
  expect(csp).toMatch(/img-src 'self' data: https:[ ;]/);
  expect(nonceOf(csp)).toBe(nonce);
  expect(nonceOf(null)).toBeUndefined();
});
