// Drives the OAuth dance over real HTTP: the vault's route handlers on one
// side, the fake Bitbucket's authorize page and token endpoint on the other.
import { expect } from "vitest";
import { POST as createSessionRoute } from "@/app/api/v1/connect-sessions/route";
import { GET as authorizeRoute } from "@/app/api/oauth/[provider]/authorize/route";
import { GET as callbackRoute } from "@/app/api/oauth/[provider]/callback/route";
import { saveProviderConfig } from "@/lib/provider-configs";
import type { Actor } from "@/lib/actor";
import { callRoute } from "./factories";

export const CALLBACK_URL = "http://localhost:3999/api/oauth/bitbucket/callback";

export async function configureBitbucket(owner: Actor, applicationId: string, consumer: { key: string; secret: string }, scopes = ["account", "repository"]) {
  return saveProviderConfig(owner, { provider: "bitbucket", applicationId, clientId: consumer.key, clientSecret: consumer.secret, scopes });
}

export async function createConnectSession(apiKey: string, body: Record<string, unknown> | string) {
  return callRoute(createSessionRoute, { url: "/api/v1/connect-sessions", method: "POST", apiKey, body }, {});
}

export async function connectToken(apiKey: string, body: Record<string, unknown> = { endUserId: "user-42", provider: "bitbucket" }): Promise<string> {
  const response = await createConnectSession(apiKey, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

/** Clicks "Connect Bitbucket": returns where the vault sends the browser, and the browser-binding cookie it set. */
export async function authorize(token: string, cookie?: string): Promise<{ location: string; cookie: string }> {
  const response = await callRoute(
    authorizeRoute,
    { url: `/api/oauth/bitbucket/authorize?session=${encodeURIComponent(token)}`, headers: cookie ? { cookie } : {} },
    { provider: "bitbucket" },
  );
  expect(response.status).toBe(302);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return { location: response.headers.get("location")!, cookie: setCookie.split(";")[0] ?? "" };
}

/** Presses Grant access or Deny on the fake's authorize page; returns the callback URL it redirects to. */
export async function decide(authorizeUrl: string, decision: "grant" | "deny", account = "ada"): Promise<string> {
  const url = new URL(authorizeUrl);
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const form = new URLSearchParams(url.searchParams);
  form.set("decision", decision);
  form.set("account", account);
  const response = await fetch(new URL("/site/oauth2/authorize/decision", url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return response.headers.get("location")!;
}

/** The browser arriving at the vault's callback; returns where the vault sends it next. */
export async function callback(callbackUrl: string, cookie?: string): Promise<URL> {
  const response = await callRoute(callbackRoute, { url: callbackUrl, headers: cookie ? { cookie } : {} }, { provider: "bitbucket" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** The whole happy path for one end user; returns the vault's final redirect. */
export async function connectEndUser(apiKey: string, body: Record<string, unknown>, account = "ada"): Promise<URL> {
  const token = await connectToken(apiKey, body);
  const { location, cookie } = await authorize(token);
  return callback(await decide(location, "grant", account), cookie);
}
