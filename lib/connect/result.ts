// What the end user's result page shows after a connection was stored.
import "server-only";
import { db } from "../db";
import { findProvider, scopeDescription } from "../providers";
import { returnUrlAfterSuccess } from "./outcome-redirects";

export async function connectedResult(connectionId: string, connectSessionId: string) {
  const prisma = await db();
  const [connection, session] = await Promise.all([
    prisma.connection.findUnique({ where: { id: connectionId }, include: { application: { select: { name: true } } } }),
    prisma.connectSession.findUnique({ where: { id: connectSessionId } }),
  ]);
  // Both ids come from the URL: show nothing unless they belong together.
  if (!connection || !session || session.applicationId !== connection.applicationId) return null;
  const provider = findProvider(connection.provider);
  if (!provider) return null;
  const missing = connection.missingScopes.split(" ").filter(Boolean);
  return {
    applicationName: connection.application.name,
    providerName: provider.name,
    accountLabel: connection.accountName ?? connection.accountLogin ?? "your account",
    missing: missing.map((scope) => ({ scope, description: scopeDescription(provider, scope) })),
    continueUrl: session.returnUrl ? returnUrlAfterSuccess(session.returnUrl, connection.id, missing) : null,
  };
}
