#!/usr/bin/env node
// The whole suite, in order: typecheck, lint, format check, unit/component/command-line
// tests, real-browser tests. Every stage runs even when an earlier one fails, so one run
// shows every problem; the exit status is non-zero when any stage failed, and the last line
// counts every test: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const bin = (pkg, file) => join(root, "node_modules", pkg, file);
const scratch = mkdtempSync(join(tmpdir(), "descent-lab-test-"));
const unitReport = join(scratch, "unit.json");

// Each stage: a node script and its arguments; `counts` or `parseClosingLine` tells how many
// tests it ran, otherwise the stage itself counts as one check.
const stages = [
  { name: "typecheck", args: [bin("typescript", "bin/tsc"), "--noEmit", "-p", "tsconfig.json"] },
  { name: "lint", args: [bin("eslint", "bin/eslint.js"), ".", "--max-warnings", "0"] },
  { name: "format", args: [bin("prettier", "bin/prettier.cjs"), "--check", "."] },
  {
    name: "unit",
    args: [
      bin("vitest", "vitest.mjs"),
      "run",
      "--project",
      "unit",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${unitReport}`,
    ],
    counts: () => {
      if (!existsSync(unitReport)) return { passed: 0, failed: 1 };
      const summary = JSON.parse(readFileSync(unitReport, "utf8"));
      return { passed: summary.numPassedTests ?? 0, failed: summary.numFailedTests ?? 0 };
    },
  },
  { name: "browser", args: [join(root, "tests", "e2e", "run.mjs")], parseClosingLine: true },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const outcomes = [];
for (const stage of stages) {
  if (only.length > 0 && !only.includes(stage.name)) continue;
  process.stdout.write(`\n=== ${stage.name} ===\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, stage.args, {
    cwd: root,
    stdio: stage.parseClosingLine ? ["inherit", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  let counts = { passed: 0, failed: 0 };
  if (stage.parseClosingLine) {
    const out = result.stdout ?? "";
    process.stdout.write(out);
    const match = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)].at(-1);
    if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
  } else if (stage.counts) {
    counts = stage.counts();
  }
  const ok = result.status === 0;
  if (!ok && counts.failed === 0) counts.failed = 1; // a stage that fails counts as a failure
  if (!stage.counts && !stage.parseClosingLine) counts = ok ? { passed: 1, failed: 0 } : counts;
  passed += counts.passed;
  failed += counts.failed;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  outcomes.push(`${ok ? "ok  " : "FAIL"}  ${stage.name.padEnd(10)} ${seconds}s`);
}
rmSync(scratch, { recursive: true, force: true });

process.stdout.write(`\n=== summary ===\n${outcomes.join("\n")}\n`);
const allOk = outcomes.every((o) => o.startsWith("ok"));
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(allOk && failed === 0 ? 0 : 1);
