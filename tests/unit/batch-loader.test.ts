import { describe, expect, test } from "vitest";
import { createBatchLoader, createBatchWriter } from "@/lib/db/batch-loader";

describe("request coalescing", () => {
  test("loads asked for in the same turn share one query; each gets its own answer", async () => {
    const queries: string[][] = [];
    const loader = createBatchLoader(async (keys: string[]) => {
      queries.push(keys);
      return new Map(keys.filter((key) => key !== "missing").map((key) => [key, key.toUpperCase()]));
    });
    const answers = await Promise.all(["a", "b", "a", "missing"].map((key) => loader.load(key)));
    expect(answers).toEqual(["A", "B", "A", undefined]);
    expect(queries).toEqual([["a", "b", "missing"]]);
    // A later turn runs a new query: nothing is cached.
    expect(await loader.load("a")).toBe("A");
    expect(queries).toHaveLength(2);
  });

  test("a failed batch query fails every waiter of that batch", async () => {
    const loader = createBatchLoader<string, string>(async () => {
      throw new Error("database down");
    });
    await expect(Promise.all([loader.load("a"), loader.load("b")])).rejects.toThrow("database down");
  });

  test("writes in the same turn are one statement, and each caller waits for its commit", async () => {
    const statements: number[][] = [];
    let committed = false;
    const writer = createBatchWriter(async (rows: number[]) => {
      statements.push(rows);
      await new Promise((resolve) => setTimeout(resolve, 10));
      committed = true;
    });
    await Promise.all([writer.write(1), writer.write(2), writer.write(3)]);
    expect(committed).toBe(true);
    expect(statements).toEqual([[1, 2, 3]]);
  });
});

describe("one query in flight", () => {
  test("loads that arrive while a query runs wait and share the next query", async () => {
    const queries: string[][] = [];
    let release: () => void = () => {};
    const loader = createBatchLoader(async (keys: string[]) => {
      queries.push(keys);
      if (queries.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return new Map(keys.map((key) => [key, key]));
    });
    const first = loader.load("a");
    await new Promise((resolve) => setImmediate(resolve));
    const later = ["b", "c", "d"].map((key) => loader.load(key));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(queries).toEqual([["a"]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual(["a", "b", "c", "d"]);
    expect(queries).toEqual([["a"], ["b", "c", "d"]]);
  });
});
