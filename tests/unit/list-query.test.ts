// The URL side of the portal's list pages: filters from a GET form, and "Next page" links that keep them.
import { describe, expect, test } from "vitest";
import { hrefWith, loadListPage, searchValues } from "@/components/portal/list-query";
import { ValidationFailed } from "@/lib/errors";

describe("list pages read their filters from the URL", () => {
  test("an empty field of the filter form means any, and unknown parameters are ignored", () => {
    const params = { endUserId: "  user-7 ", status: "", cursor: ["a", "b"], limit: "1000" };
    expect(searchValues(params, ["endUserId", "status", "cursor"] as const)).toEqual({ endUserId: "user-7" });
  });

  test("the next page link keeps the filters and carries the cursor", () => {
    const href = hrefWith("/admin/connections", { endUserId: "user 7&x", status: "revoked", cursor: "MTc0.conn_1" });
    const url = new URL(href, "http://portal.test");
    expect(url.pathname).toBe("/admin/connections");
    expect(Object.fromEntries(url.searchParams)).toEqual({ endUserId: "user 7&x", status: "revoked", cursor: "MTc0.conn_1" });
    expect(hrefWith("/admin/audit", { action: undefined })).toBe("/admin/audit");
  });

  test("a filter or cursor edited by hand shows words and an empty list; other errors still fail the page", async () => {
    const refused = await loadListPage(Promise.reject(new ValidationFailed([{ path: "cursor", message: "cursor is not one this API returned." }])));
    expect(refused).toMatchObject({ items: [], nextCursor: null, problem: expect.stringContaining("not valid") });
    await expect(loadListPage(Promise.reject(new Error("database down")))).rejects.toThrow("database down");
  });
});
