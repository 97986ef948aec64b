// The hosted page's branding: a logo only over https, an accent colour only as #rrggbb, and
// button text that stays readable on whatever accent the developer picks.
import { expect, test } from "vitest";
import { brandingInput, textColourOn } from "@/lib/applications/branding";

const parse = (fields: { logoUrl?: string; accentColor?: string }) =>
  brandingInput.safeParse({ applicationId: "app_1", logoUrl: "", accentColor: "", ...fields });

test("an https logo and a #rrggbb accent are kept (the colour in lower case); empty fields clear them", () => {
  expect(parse({ logoUrl: " https://cdn.example/logo.png ", accentColor: "#0F766E" }).data).toMatchObject({
    logoUrl: "https://cdn.example/logo.png",
    accentColor: "#0f766e",
  });
  expect(parse({}).data).toMatchObject({ logoUrl: null, accentColor: null });
});

test.each([
  [{ logoUrl: "http://cdn.example/logo.png" }, "logoUrl"],
  [{ logoUrl: "javascript:alert(1)" }, "logoUrl"],
  [{ logoUrl: "data:image/png;base64,AAAA" }, "logoUrl"],
  [{ logoUrl: "https://user:secret@cdn.example/logo.png" }, "logoUrl"],
  [{ accentColor: "red" }, "accentColor"],
  [{ accentColor: "#fff" }, "accentColor"],
  [{ accentColor: "#12345g" }, "accentColor"],
  [{ accentColor: "#123456;}body{display:none" }, "accentColor"],
])("%j is refused on %s", (fields, path) => {
  const result = parse(fields);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
});

test("buttons get white text on a dark accent and dark text on a pale one", () => {
  expect(textColourOn("#4f46e5")).toBe("#ffffff");
  expect(textColourOn("#0f766e")).toBe("#ffffff");
  expect(textColourOn("#facc15")).toBe("#0f172a");
  expect(textColourOn("#ffffff")).toBe("#0f172a");
});
