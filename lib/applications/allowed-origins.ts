// The origins a connect session may send the end user back to. Exact origin
// match (scheme, host, port), so no open redirect through look-alike hosts.
import { z } from "zod";

const MAX_ORIGINS = 20;

const origin = z.string().transform((text, context) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    context.addIssue({ code: "custom", message: `“${text}” is not a URL (write it as https://app.example.com).` });
    return z.NEVER;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    context.addIssue({ code: "custom", message: `“${text}” must start with https:// or http://.` });
    return z.NEVER;
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    context.addIssue({ code: "custom", message: `“${text}” must be an origin only: no path, query or credentials.` });
    return z.NEVER;
  }
  return url.origin;
});

/** One origin per line (or comma-separated), as typed in the settings form. */
export const allowedOriginsText = z
  .string()
  .max(5_000, "Too long: at most 20 origins.")
  .transform((text) => text.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(origin).max(MAX_ORIGINS, `At most ${MAX_ORIGINS} origins.`))
  .transform((origins) => [...new Set(origins)]);

export function parseStoredOrigins(stored: string): string[] {
  return z.array(z.string()).catch([]).parse(JSON.parse(stored));
}

/** Whether a return URL is on one of the application's allowed origins. */
export function isAllowedReturnUrl(returnUrl: string, allowedOrigins: string[]): boolean {
  try {
    return allowedOrigins.includes(new URL(returnUrl).origin);
  } catch {
    return false;
  }
}
