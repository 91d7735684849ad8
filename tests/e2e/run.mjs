#!/usr/bin/env node
// Real-browser tests: builds the app, serves it on 127.0.0.1, drives Debian's Chromium
// through playwright-core, and ends with a line "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `Chromium not found at ${chromium}: install it with \`apt-get install chromium\` (Debian) or set CHROMIUM_PATH`,
  );
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), "descent-lab-e2e-"));
const report = join(scratch, "report.json");
const result = spawnSync(
  process.execPath,
  [
    join(root, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "--config",
    join(root, "tests", "e2e", "vitest.e2e.config.ts"),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit" },
);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, "utf8"));
  passed = summary.numPassedTests ?? 0;
  failed = summary.numFailedTests ?? 0;
  // A file that fails to load, or a setup error, fails the run without failing a test.
  if (result.status !== 0 && failed === 0) failed = Math.max(1, summary.numFailedTestSuites ?? 0);
} else if (result.status !== 0) {
  failed = 1;
}
rmSync(scratch, { recursive: true, force: true });
const code = result.status !== 0 || failed > 0 ? 1 : 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(code);
