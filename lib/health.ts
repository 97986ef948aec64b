// Liveness plus a real round trip to the database.
import "server-only";
import { db } from "./db";
import { describeError, log } from "./log";

export type Health = { status: "ok" | "unavailable"; database: "ok" | "unreachable" };

export async function checkHealth(): Promise<Health> {
  try {
    const prisma = await db();
    await prisma.$queryRawUnsafe("SELECT 1");
    return { status: "ok", database: "ok" };
  } catch (error) {
    log.warn("health check: database unreachable", describeError(error));
    return { status: "unavailable", database: "unreachable" };
  }
}
