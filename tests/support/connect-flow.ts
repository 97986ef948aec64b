// Drives the OAuth dance over real HTTP: the vault's route handlers on one
// side, a fake provider's authorize page and token endpoint on the other.
import { expect } from "vitest";
import { POST as createSessionRoute } from "@/app/api/v1/connect-sessions/route";
import { GET as authorizeRoute } from "@/app/api/oauth/[provider]/authorize/route";
import { GET as callbackRoute } from "@/app/api/oauth/[provider]/callback/route";
import { sealCodeVerifier } from "@/lib/connect/code-verifier";
import { Secret, hashToken } from "@/lib/crypto";
import { db } from "@/lib/db";
import { saveProviderConfig } from "@/lib/provider-configs";
import type { Actor } from "@/lib/actor";
import { callRoute } from "./factories";
import { hiddenFields, submitAuthorizeForm, unescapeHtml } from "./fake-providers";

/** The vault's Redirect URI for a provider, as the tests' APP_URL makes it. */
export function callbackUrlFor(provider: string): string {
  return `http://localhost:3999/api/oauth/${provider}/callback`;
}

export const CALLBACK_URL = callbackUrlFor("bitbucket");

export async function configureProvider(
  owner: Actor,
  applicationId: string,
  provider: string,
  client: { clientId: string; clientSecret: string },
  scopes: string[],
) {
  return saveProviderConfig(owner, { provider, applicationId, ...client, scopes });
}

export async function configureBitbucket(owner: Actor, applicationId: string, consumer: { key: string; secret: string }, scopes = ["account", "repository"]) {
  return configureProvider(owner, applicationId, "bitbucket", { clientId: consumer.key, clientSecret: consumer.secret }, scopes);
}

export async function createConnectSession(apiKey: string, body: Record<string, unknown> | string) {
  return callRoute(createSessionRoute, { url: "/api/v1/connect-sessions", method: "POST", apiKey, body }, {});
}

export async function connectToken(apiKey: string, body: Record<string, unknown> = { endUserId: "user-42", provider: "bitbucket" }): Promise<string> {
  const response = await createConnectSession(apiKey, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** Clicks "Connect <provider>": returns where the vault sends the browser, and the browser-binding cookie it set. */
export async function authorize(token: string, cookie?: string, provider = "bitbucket"): Promise<{ location: string; cookie: string }> {
  const response = await callRoute(
    authorizeRoute,
    { url: `/api/oauth/${provider}/authorize?session=${encodeURIComponent(token)}`, headers: cookie ? { cookie } : {} },
    { provider },
  );
  expect(response.status).toBe(302);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return { location: response.headers.get("location")!, cookie: setCookie.split(";")[0] ?? "" };
}

/**
 * Presses the grant or deny button on a fake's authorize page (each fake's first and second
 * decision button), as the account given; `uncheck` unticks offered scopes first (GitHub lets the
 * end user grant less). Returns the callback URL the provider redirects to.
 */
export async function decide(authorizeUrl: string, decision: "grant" | "deny", account = "ada", uncheck: string[] = []): Promise<string> {
  const url = new URL(authorizeUrl);
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const html = await page.text();
  const [grant, deny] = [...html.matchAll(/<button type="submit" name="decision" value="([^"]+)">/g)].map(([, value]) => value!);
  const checked = [...html.matchAll(/<input type="checkbox" id="[^"]*" name="([^"]+)" value="([^"]+)" checked>/g)]
    .map(([, name = "", value = ""]): [string, string] => [name, unescapeHtml(value)])
    .filter(([, value]) => !uncheck.includes(value));
  const location = await submitAuthorizeForm(url.origin, html, {
    fields: [...hiddenFields(html), ...checked],
    decision: (decision === "grant" ? grant : deny)!,
    account,
  });
  return location.href;
}

/** The browser arriving at the vault's callback; returns where the vault sends it next. */
export async function callback(callbackUrl: string, cookie?: string): Promise<URL> {
  const provider = /\/api\/oauth\/([^/]+)\/callback/.exec(new URL(callbackUrl, "http://localhost:3999").pathname)?.[1] ?? "";
  const response = await callRoute(callbackRoute, { url: callbackUrl, headers: cookie ? { cookie } : {} }, { provider });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** The whole happy path for one end user; returns the vault's final redirect. */
export async function connectEndUser(apiKey: string, body: Record<string, unknown>, account = "ada", uncheck: string[] = []): Promise<URL> {
  const token = await connectToken(apiKey, body);
  const { location, cookie } = await authorize(token, undefined, String(body.provider));
  return callback(await decide(location, "grant", account, uncheck), cookie);
}

/** Swaps the PKCE verifier stored with a callback's state for one the provider never saw a challenge for. */
export async function replaceCodeVerifier(callbackUrl: URL, verifier = "w".repeat(64)): Promise<void> {
  const prisma = await db();
  const state = await prisma.oAuthState.findUniqueOrThrow({ where: { stateHash: hashToken(callbackUrl.searchParams.get("state")!) } });
  await prisma.oAuthState.update({ where: { id: state.id }, data: { codeVerifier: sealCodeVerifier(state.id, new Secret(verifier)) } });
}
