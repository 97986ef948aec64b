// Who is signed in, checked against the database on every request. Pages and
// server actions call requireActor(); nothing trusts the UI to hide things.
import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { Actor } from "../actor";
import { getConfig } from "../config";
import { NotFound } from "../errors";
import { actorForSession, type SessionClaims } from "../users";
import { sameOriginPath } from "./return-path";

export { authOptions } from "./options";

/**
 * The actor of this request's session cookie, or null. The cookie is only
 * decoded here; whether its session is alive is one query (actorForSession).
 */
export async function currentActor(): Promise<Actor | null> {
  const { appUrl, authSecret } = getConfig();
  const request = { cookies: Object.fromEntries((await cookies()).getAll().map((cookie) => [cookie.name, cookie.value])), headers: {} };
  const claims = await getToken({ req: request as never, secret: authSecret, secureCookie: appUrl.startsWith("https://") });
  return claims ? actorForSession(claims as Partial<SessionClaims>) : null;
}

/** Where to go after signing in: the same-origin path a `callbackUrl` names, or the default. */
export function returnPathAfterSignIn(callbackUrl: unknown): string {
  return sameOriginPath(callbackUrl, getConfig().appUrl);
}

/** The signed-in actor; sends anyone else to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  return actor;
}

/** For admin-only pages: anyone else sees "not found". */
export async function requireAdmin(): Promise<Actor> {
  const actor = await requireActor();
  if (actor.role !== "ADMIN") notFound();
  return actor;
}

/** Loads what a page shows; what the actor may not see is a 404 page, like what does not exist. */
export async function loadOrNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
}
