// Applications belong to a developer. A developer sees only their own; an
// admin sees all. Someone else's application is "not found", never "forbidden",
// so ids cannot be probed.
import "server-only";
import { isAdmin, type Actor } from "../actor";
import { userActor, auditRow } from "../audit";
import { db, type Application } from "../db";
import { NotFound } from "../errors";
import { newId } from "../ids";
import { parseInput } from "../validation";
import { allowedOriginsText, parseStoredOrigins } from "./allowed-origins";
import { createApplicationInput, renameApplicationInput } from "./schemas";
import { brandingInput } from "./branding";
import { z } from "zod";

export { createApplicationInput, renameApplicationInput } from "./schemas";
export { isAllowedReturnUrl, parseStoredOrigins } from "./allowed-origins";
export { textColourOn } from "./branding";

export async function listApplications(actor: Actor) {
  const prisma = await db();
  return prisma.application.findMany({
    where: isAdmin(actor) ? {} : { ownerId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { owner: { select: { email: true } } },
  });
}

/** The application, if the actor may see it; NotFound otherwise. */
export async function getApplication(actor: Actor, applicationId: string): Promise<Application> {
  const prisma = await db();
  const application = await prisma.application.findUnique({ where: { id: applicationId } });
  if (!application || (!isAdmin(actor) && application.ownerId !== actor.userId)) throw new NotFound("The application");
  return application;
}

export async function createApplication(actor: Actor, input: unknown): Promise<Application> {
  const { name } = parseInput(createApplicationInput, input);
  const prisma = await db();
  const id = newId("app");
  const [application] = await prisma.$transaction([
    prisma.application.create({ data: { id, name, ownerId: actor.userId } }),
    prisma.auditEvent.create({
      data: auditRow({ action: "application.created", actor: userActor(actor), applicationId: id, details: { name } }),
    }),
  ]);
  return application;
}

export async function renameApplication(actor: Actor, input: unknown): Promise<Application> {
  const { applicationId, name } = parseInput(renameApplicationInput, input);
  const existing = await getApplication(actor, applicationId);
  const prisma = await db();
  const [application] = await prisma.$transaction([
    prisma.application.update({ where: { id: existing.id }, data: { name } }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "application.renamed",
        actor: userActor(actor),
        applicationId: existing.id,
        details: { from: existing.name, to: name },
      }),
    }),
  ]);
  return application;
}

/** Deletes the application with its keys, provider settings and connections (their tokens go with them). */
export async function deleteApplication(actor: Actor, applicationId: string): Promise<void> {
  const existing = await getApplication(actor, applicationId);
  const prisma = await db();
  await prisma.$transaction([
    prisma.application.delete({ where: { id: existing.id } }),
    prisma.auditEvent.create({
      data: auditRow({ action: "application.deleted", actor: userActor(actor), applicationId: existing.id, details: { name: existing.name } }),
    }),
  ]);
}

const allowedOriginsInput = z.object({ applicationId: z.string().min(1), allowedOrigins: allowedOriginsText });

/** Replaces the origins connect sessions may return to. */
export async function updateAllowedOrigins(actor: Actor, input: unknown): Promise<string[]> {
  const { applicationId, allowedOrigins } = parseInput(allowedOriginsInput, input);
  const existing = await getApplication(actor, applicationId);
  const prisma = await db();
  await prisma.$transaction([
    prisma.application.update({ where: { id: existing.id }, data: { allowedOrigins: JSON.stringify(allowedOrigins) } }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "application.allowed_origins_changed",
        actor: userActor(actor),
        applicationId: existing.id,
        details: { from: parseStoredOrigins(existing.allowedOrigins), to: allowedOrigins },
      }),
    }),
  ]);
  return allowedOrigins;
}

/** Sets or clears the logo and accent colour of the end users' hosted pages. */
export async function updateBranding(actor: Actor, input: unknown): Promise<{ logoUrl: string | null; accentColor: string | null }> {
  const { applicationId, logoUrl, accentColor } = parseInput(brandingInput, input);
  const existing = await getApplication(actor, applicationId);
  const prisma = await db();
  await prisma.$transaction([
    prisma.application.update({ where: { id: existing.id }, data: { logoUrl, accentColor } }),
    prisma.auditEvent.create({
      data: auditRow({ action: "application.branding_changed", actor: userActor(actor), applicationId: existing.id, details: { logoUrl, accentColor } }),
    }),
  ]);
  return { logoUrl, accentColor };
}
