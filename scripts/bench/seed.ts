// Seeds one application, API key and Bitbucket connection with a token valid
// for two hours (by default one no provider knows; the proxy benchmark passes
// one the fake Bitbucket issued), through the vault's own modules. Run under
// `tsx --conditions=react-server` with the benchmark's environment set.
import { Secret } from "../../lib/crypto";
import { createApiKey } from "../../lib/api-keys";
import { createApplication } from "../../lib/applications";
import { storeConnection } from "../../lib/connections/store";
import { db } from "../../lib/db";
import { newId } from "../../lib/ids";
import { hashPassword } from "../../lib/users/passwords";

export async function seedTokenBenchmark(accessToken = "a".repeat(68)): Promise<{ apiKey: string; connectionId: string }> {
  const prisma = await db();
  const user = await prisma.user.create({
    data: { id: newId("usr"), email: "bench@example.test", passwordHash: await hashPassword("benchmark-password"), role: "ADMIN" },
  });
  const actor = { userId: user.id, email: user.email, role: "ADMIN" as const };
  const application = await createApplication(actor, { name: "Benchmark" });
  const { key } = await createApiKey(actor, { applicationId: application.id, name: "bench" });
  const { id: connectionId } = await prisma.$transaction((tx) =>
    storeConnection(tx, {
      applicationId: application.id,
      provider: "bitbucket",
      endUserId: "bench-user",
      account: { id: "{bench-uuid}", login: "bench", name: "Bench User", avatarUrl: null, email: null },
      tokens: {
        accessToken: new Secret(accessToken),
        refreshToken: new Secret("r".repeat(40)),
        tokenType: "bearer",
        expiresAt: new Date(Date.now() + 2 * 3600_000),
        grantedScopes: ["account", "repository"],
      },
      grantedScopes: ["account", "repository"],
      missingScopes: [],
    }),
  );
  await prisma.$disconnect();
  return { apiKey: key, connectionId };
}
