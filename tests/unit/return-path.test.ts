import { describe, expect, test } from "vitest";
import { DEFAULT_RETURN_PATH, sameOriginPath } from "@/lib/auth/return-path";

const appUrl = "http://localhost:3100";

describe("where sign-in sends people afterwards", () => {
  test.each([
    ["/\\evil.example/x"],
    ["/\\\\evil.example/x"],
    ["\\\\evil.example/x"],
    ["/\t/evil.example/x"],
    ["/\r\n/evil.example/x"],
    ["\t//evil.example/x"],
    ["//evil.example/x"],
    ["///evil.example/x"],
    ["/.//evil.example/x"],
    ["/./\\evil.example/x"],
    ["http://evil.example/x"],
    ["https://localhost:3100/applications"],
    ["http://localhost:3101/applications"],
    ["http://localhost:3100@evil.example/x"],
    ["javascript:alert(document.cookie)"],
    ["data:text/html,<script>alert(1)</script>"],
    [""],
    ["   "],
    [undefined],
    [["/applications", "//evil.example"]],
  ])("%j goes to the default, never to another origin", (value) => {
    expect(sameOriginPath(value, appUrl)).toBe(DEFAULT_RETURN_PATH);
  });

  test.each([
    ["/applications/app_1/api-keys", "/applications/app_1/api-keys"],
    ["/admin/users?tab=invitations#new", "/admin/users?tab=invitations#new"],
    ["http://localhost:3100/admin/audit?x=1", "/admin/audit?x=1"],
    ["/applications/../admin/users", "/admin/users"],
  ])("the same-origin %j is followed as %j", (value, expected) => {
    expect(sameOriginPath(value, appUrl)).toBe(expected);
  });
});
