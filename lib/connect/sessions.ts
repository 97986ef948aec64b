// Connect sessions: a developer's backend asks for one per end user; the end
// user opens its link to connect. The token is single-use, lives 30 minutes
// and is stored only as a hash.
import "server-only";
import { z } from "zod";
import { getApplication, isAllowedReturnUrl, parseStoredOrigins } from "../applications";
import { auditRow, userActor, type AuditActor } from "../audit";
import type { Actor } from "../actor";
import { getConfig } from "../config";
import { getConnectionForActor } from "../connections";
import { hashToken, randomToken } from "../crypto";
import { db, type Application, type ConnectSession, type ProviderConfig } from "../db";
import { findProviderConfig, splitScopes } from "../provider-configs";
import { Unprocessable, ValidationFailed } from "../errors";
import { newId } from "../ids";
import { findProvider, providerId, type ProviderDefinition } from "../providers";
import { parseInput } from "../validation";

const CONNECT_SESSION_LIFETIME_MS = 30 * 60_000;
const TOKEN_PREFIX = "lkcs_";

/** The developer's id for their end user, as the API takes it (connect and end-user sessions alike). */
export const endUserIdInput = z.string().trim().min(1, "endUserId is required.").max(255, "endUserId must be at most 255 characters.");

/** Where the end user goes back to afterwards; checkReturnUrl then holds it to the allowed origins. */
export const returnUrlInput = z.url({ protocol: /^https?$/, error: "returnUrl must be an http(s) URL." }).max(2_000);

const createConnectSessionInput = z.object({ endUserId: endUserIdInput, provider: providerId, returnUrl: returnUrlInput.optional() });

/** A return URL off the allowed origins is refused, so no vault link can send anyone elsewhere. */
export function checkReturnUrl(returnUrl: string | undefined, allowedOrigins: string[]): void {
  if (returnUrl && !isAllowedReturnUrl(returnUrl, allowedOrigins)) {
    throw new ValidationFailed(
      [{ path: "returnUrl", message: "returnUrl is not on an allowed origin of this application (add it in the portal: application Settings)." }],
      "returnUrl is not on an allowed origin of this application.",
    );
  }
}

/** Where a connect session may send the end user back: the application's allowed origins, and for links the developer makes in the portal, the portal too. */
type ReturnOrigins = "application" | "application-and-portal";

export async function createConnectSession(
  application: Application,
  input: unknown,
  // From the end user's accounts page (its session's id), they go back there after the dance.
  by: { actor: AuditActor; ipAddress: string | null; endUserSessionId?: string },
  returnOrigins: ReturnOrigins = "application",
) {
  const { endUserId, provider, returnUrl } = parseInput(createConnectSessionInput, input);
  const allowedOrigins = parseStoredOrigins(application.allowedOrigins);
  if (returnOrigins === "application-and-portal") allowedOrigins.push(new URL(getConfig().appUrl).origin);
  checkReturnUrl(returnUrl, allowedOrigins);
  const providerConfig = await findProviderConfig(application.id, provider);
  const providerName = findProvider(provider)!.name;
  if (!providerConfig) throw new Unprocessable(`${providerName} is not set up for this application yet.`, "provider_not_configured");
  if (!providerConfig.enabled) throw new Unprocessable(`${providerName} is disabled for this application.`, "provider_disabled");

  const token = randomToken(TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + CONNECT_SESSION_LIFETIME_MS);
  const id = newId("cs");
  const prisma = await db();
  await prisma.$transaction([
    prisma.connectSession.create({
      data: {
        id,
        applicationId: application.id,
        provider,
        tokenHash: hashToken(token),
        endUserId,
        returnUrl: returnUrl ?? null,
        endUserSessionId: by.endUserSessionId ?? null,
        expiresAt,
      },
    }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "connect_session.created",
        actor: by.actor,
        applicationId: application.id,
        ipAddress: by.ipAddress,
        details: { connectSessionId: id, endUserId, provider },
      }),
    }),
  ]);
  return { token, connectUrl: `${getConfig().appUrl}/connect/${token}`, expiresAt: expiresAt.toISOString() };
}

/** From the portal: a new connect link for the end user behind a connection that needs re-authorization. */
export async function createReconnectSession(actor: Actor, connectionId: string, ipAddress: string | null) {
  const connection = await getConnectionForActor(actor, connectionId);
  return createConnectSession(
    connection.application,
    { endUserId: connection.endUserId, provider: connection.provider },
    { actor: userActor(actor), ipAddress },
  );
}

// endUserId and provider are checked as the API checks them, by createConnectSession.
const testConnectionInput = z.object({ applicationId: z.string().min(1), endUserId: z.unknown(), provider: z.unknown() });

/**
 * The portal's "Test connection": a connect link the developer makes for an end-user id they
 * choose, recorded as theirs, that brings the end user back to `returnPath` in the portal.
 */
export async function createTestConnectSession(actor: Actor, input: unknown, returnPath: string, ipAddress: string | null) {
  const { applicationId, endUserId, provider } = parseInput(testConnectionInput, input);
  const application = await getApplication(actor, applicationId);
  const returnUrl = new URL(returnPath, getConfig().appUrl).toString();
  return createConnectSession(application, { endUserId, provider, returnUrl }, { actor: userActor(actor), ipAddress }, "application-and-portal");
}

export type OpenConnectSession = {
  session: ConnectSession;
  application: Application;
  provider: ProviderDefinition;
  /** The application's settings for the provider (enabled); the client secret stays sealed. */
  providerConfig: ProviderConfig;
  requiredScopes: string[];
};

/** Why a connect link cannot be used, in words for the end user. */
export type ConnectSessionProblem = "unknown" | "expired" | "used" | "provider_unavailable";

export async function openConnectSession(token: string): Promise<OpenConnectSession | { problem: ConnectSessionProblem }> {
  const prisma = await db();
  const session = await prisma.connectSession.findUnique({ where: { tokenHash: hashToken(token) }, include: { application: true } });
  if (!session) return { problem: "unknown" };
  if (session.usedAt) return { problem: "used" };
  if (session.expiresAt <= new Date()) return { problem: "expired" };
  const provider = findProvider(session.provider);
  const providerConfig = await findProviderConfig(session.applicationId, session.provider);
  if (!provider || !providerConfig?.enabled) return { problem: "provider_unavailable" };
  const { application, ...bare } = session;
  return { session: bare, application, provider, providerConfig, requiredScopes: splitScopes(providerConfig.scopes) };
}
