// Every page is served with its Content-Security-Policy (a fresh script nonce
// per response), a Permissions-Policy and the static headers; the connect page
// may also send its form on to the provider's authorize page. Over plain http
// there is no HSTS (tests/unit/security-headers.test.ts covers https).
import { e2e } from "../../playwright.config";
import { expect, takeCspViolations, test } from "./support";

function nonceOf(csp: string): string {
  return /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
}

test("a portal page carries the CSP, a new nonce each time, on every script Next.js writes", async ({ page }) => {
  const first = (await page.goto("/sign-in"))!;
  const headers = first.headers();
  const csp = headers["content-security-policy"]!;
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self';", "'strict-dynamic'"]) {
    expect(csp).toContain(directive);
  }
  // The production server: no eval, no inline code or styles without the nonce.
  expect(csp).not.toContain("'unsafe-");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("clipboard-write=(self)");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["strict-transport-security"]).toBeUndefined();

  const nonce = nonceOf(csp);
  expect(nonce.length).toBeGreaterThanOrEqual(16);
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  const second = (await page.goto("/sign-in"))!;
  expect(nonceOf(second.headers()["content-security-policy"]!)).not.toBe(nonce);
  // The page works under its policy: the form is there and hydrated.
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});

test("the connect page lets its form go on to the providers' authorize hosts, and nothing else", async ({ request }) => {
  const response = await request.get("/connect/not-a-real-token");
  const csp = response.headers()["content-security-policy"]!;
  expect(csp).toContain(`form-action 'self' ${e2e.fakeBitbucketUrl} ${e2e.fakeGitLabUrl} ${e2e.fakeGitHubUrl};`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()["permissions-policy"]).toContain("microphone=()");
});

test("the public API is left to its own headers (the proxy stays off /api)", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.headers()["content-security-policy"]).toBeUndefined();
});

test("a violation of the policy is seen by the check every browser test runs", async ({ page }) => {
  await page.goto("/sign-in");
  // An inline style attribute is not allowed by style-src: the browser refuses it and reports it.
  await page.evaluate(() => document.body.setAttribute("style", "background: red"));
  // Both channels see it: the page's securitypolicyviolation event, and Chromium's console line.
  const seen: string[] = [];
  const reported = () => (seen.push(...takeCspViolations()), seen.join("\n"));
  await expect.poll(reported).toContain("style-src-attr blocked inline");
  await expect.poll(reported).toContain("Applying inline style violates the following Content Security Policy directive");
});
