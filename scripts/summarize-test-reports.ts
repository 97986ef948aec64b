// Adds up the JSON reports of every test run into one closing line.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The parts read of vitest's JSON report and of Playwright's. */
type Report =
  | { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }
  | { stats?: { expected: number; flaky: number; unexpected: number; skipped: number } };

const folder = process.argv[2]!;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(folder).filter((name) => name.endsWith(".json"))) {
  const report = JSON.parse(readFileSync(path.join(folder, file), "utf8")) as Report;
  if ("numPassedTests" in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } else if (report.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
