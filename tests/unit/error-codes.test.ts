// The API's error codes are a closed list: the README's table names exactly
// the codes lib/errors.ts can answer with, each with the same status.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { ERROR_STATUSES } from "@/lib/errors";

test("the README's error code table lists every code with its status, and no other", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### Error codes"), readme.indexOf("### The proxy"));
  const documented = Object.fromEntries([...section.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code, Number(status)]));
  expect(documented).toEqual(ERROR_STATUSES);
});
