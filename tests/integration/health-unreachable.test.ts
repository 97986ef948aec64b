import { expect, test } from "vitest";
import { GET as health } from "@/app/api/health/route";

// A database nobody listens on: set before the first use of the configuration.
process.env.DATABASE_URL = "postgresql://latchkey@127.0.0.1:1/unreachable";

test("health answers 503 when the database is unreachable", async () => {
  const response = await health();
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ status: "unavailable", database: "unreachable" });
});
