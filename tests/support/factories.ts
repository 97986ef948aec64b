// Test data made through the same domain functions the portal uses.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import type { Actor, Role } from "@/lib/actor";
import { createApiKey } from "@/lib/api-keys";
import { createApplication } from "@/lib/applications";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/users/passwords";
import { newId } from "@/lib/ids";

export const TEST_PASSWORD = "correct horse battery staple";

export async function makeUser(role: Role = "DEVELOPER", email = `dev-${randomBytes(4).toString("hex")}@example.test`): Promise<Actor> {
  const prisma = await db();
  const user = await prisma.user.create({ data: { id: newId("usr"), email, passwordHash: await hashPassword(TEST_PASSWORD), role } });
  return { userId: user.id, email: user.email, role };
}

export async function makeApplication(owner: Actor, name = "Acme CI") {
  return createApplication(owner, { name });
}

export async function makeApiKey(owner: Actor, applicationId: string, name = "backend") {
  return createApiKey(owner, { applicationId, name });
}

/** Calls a route handler the way Next.js does: a Request and a params promise. */
export function callRoute<Params>(
  handler: (request: NextRequest, context: { params: Promise<Params> }) => Promise<Response>,
  init: { url: string; method?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> },
  params: Params,
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.apiKey) headers.set("authorization", `Bearer ${init.apiKey}`);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  const request = new NextRequest(new URL(init.url, "http://localhost:3999"), {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(params) });
}
