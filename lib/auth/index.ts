// Who is signed in, checked against the database on every request. Pages and
// server actions call requireActor(); nothing trusts the UI to hide things.
import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import type { Actor } from "../actor";
import { NotFound } from "../errors";
import { actorForSession } from "../users";
import { authOptions } from "./options";

export { authOptions } from "./options";

export async function currentActor(): Promise<Actor | null> {
  const session = (await getServerSession(authOptions())) as { userId?: string; sessionVersion?: number } | null;
  if (!session?.userId) return null;
  return actorForSession(session.userId, session.sessionVersion ?? 0);
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
