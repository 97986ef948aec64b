import { afterAll, beforeAll, expect } from "vitest";

/**
 * Helpers the fake providers' own tests share: a fake per describe block, Basic client
 * credentials, and the authorize page's form submitted as a browser would.
 */

/** Starts a fake for the enclosing describe block and closes it afterwards; the getter throws before it started. */
export function useStartedFake<Fake extends { close(): Promise<void> }>(provider: string, start: () => Promise<Fake>): () => Fake {
  let fake: Fake | undefined;
  beforeAll(async () => {
    fake = await start();
  });
  afterAll(async () => {
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error(`fake ${provider} not started`);
    return fake;
  };
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The page's hidden form fields, values unescaped. */
export function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name = "", value = ""]): [string, string] => [
    name,
    unescapeHtml(value),
  ]);
}

export interface FormSubmission {
  /** The fields to post besides `account` and `decision` (usually the page's hidden fields). */
  fields: [string, string][];
  decision: string;
  /** The account picked; the page's preselected one when absent. */
  account?: string;
}

/** Posts an authorize page's form to its action as a browser would; returns where the provider redirects. */
export async function submitAuthorizeForm(baseUrl: string, html: string, { fields, decision, account }: FormSubmission): Promise<URL> {
  const selected = /<option value="([^"]+)" selected>/.exec(html)?.[1];
  const form = new URLSearchParams(fields);
  form.set("account", account ?? selected ?? "");
  form.set("decision", decision);
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? "";
  const response = await fetch(new URL(action, baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}
