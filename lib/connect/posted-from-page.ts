// The accounts page's Connect buttons are plain form posts to a route handler
// (server actions check their origin themselves; route handlers do not). Without
// this check, another site could post its own end user's link from a victim's
// browser and link the victim's account to that end user.
import "server-only";
import { getConfig } from "../config";

/** Whether the browser says the post came from this vault's own page: Sec-Fetch-Site, or where a browser sends none, Origin. */
export function postedFromOwnPage(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  return headers.get("origin") === new URL(getConfig().appUrl).origin;
}
