import { describe, expect, test } from "vitest";
import { describeAnswer } from "@/components/connections/try-it-answer";

describe("Try a request's answer", () => {
  test("JSON is shown pretty-printed, with the status", async () => {
    const answer = await describeAnswer("2.0/user", Response.json({ nickname: "ada", links: { html: "x" } }, { status: 200 }));
    expect(answer).toMatchObject({ path: "2.0/user", status: 200, truncated: false });
    expect(answer.body).toBe(JSON.stringify({ nickname: "ada", links: { html: "x" } }, null, 2));
  });

  test("a body over 64 KB is cut there and says so; an error status is kept", async () => {
    const huge = JSON.stringify({ values: "v".repeat(200_000) });
    const answer = await describeAnswer("2.0/repositories", new Response(huge, { status: 500, headers: { "content-type": "application/json" } }));
    expect(answer).toMatchObject({ status: 500, truncated: true });
    expect(answer.body.length).toBe(64 * 1024);
  });
});
