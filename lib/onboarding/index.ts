// The Overview's checklist: how far an application has come from nothing to a backend reading
// tokens, each step read from what really happened (rows and audit events), never from a flag.
import "server-only";
import type { Actor } from "../actor";
import { getApplication, parseStoredOrigins } from "../applications";
import { db } from "../db";

export type OnboardingStep = "provider" | "apiKey" | "returnOrigin" | "connectLink" | "tokenRead";

export type Onboarding = {
  done: Record<OnboardingStep, boolean>;
  /** What the code for the next step is written with: the application's first provider (an Active one if any) and newest active connection, when there are any. */
  example: { providerId: string | null; connectionId: string | null; returnOrigin: string | null };
};

export async function onboardingProgress(actor: Actor, applicationId: string): Promise<Onboarding> {
  const application = await getApplication(actor, applicationId);
  const prisma = await db();
  const where = { applicationId: application.id };
  // "From your backend": made or read with an API key, not in the portal.
  const byBackend = (action: string) => prisma.auditEvent.findFirst({ where: { ...where, action, actorType: "API_KEY" }, select: { id: true } });
  const [provider, apiKey, connectLink, tokenRead, connection] = await Promise.all([
    prisma.providerConfig.findFirst({ where, orderBy: [{ enabled: "desc" }, { createdAt: "asc" }], select: { provider: true } }),
    prisma.apiKey.findFirst({ where: { ...where, revokedAt: null }, select: { id: true } }),
    byBackend("connect_session.created"),
    byBackend("connection.token_read"),
    prisma.connection.findFirst({ where: { ...where, status: "ACTIVE" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } }),
  ]);
  const origins = parseStoredOrigins(application.allowedOrigins);
  return {
    done: {
      provider: provider !== null,
      apiKey: apiKey !== null,
      returnOrigin: origins.length > 0,
      connectLink: connectLink !== null,
      tokenRead: tokenRead !== null,
    },
    example: { providerId: provider?.provider ?? null, connectionId: connection?.id ?? null, returnOrigin: origins[0] ?? null },
  };
}
