/**
 * `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object a line.
 * Named suites (`npm run bench -- expression cli`) run only those; `--help` says so. An unknown
 * suite or option is refused with status 2 before anything runs.
 * Benchmarks measure; they never pass or fail.
 */
import type { BenchSuite } from "./types.ts";

const suites: Record<string, () => Promise<BenchSuite>> = {
  expression: async () => (await import("./expression.ts")).suite,
  optimizers: async () => (await import("./optimizers.ts")).suite,
  cli: async () => (await import("./cli.ts")).suite,
  browser: async () => (await import("./browser.ts")).suite,
  data: async () => (await import("./data.ts")).suite,
  landscape: async () => (await import("./landscape.ts")).suite,
};

const help = `npm run bench -- [--json] [suite ...]

Measures and prints figures; never passes or fails. Without a suite name every suite runs.

Suites:
  expression   compiled expressions against hand-written JavaScript and mathjs
  optimizers   the batch runner against hand-written loops
  cli          the command line's 400x400 basin maps on 2 threads against 1 (fresh processes)
  browser      frame times and drag latency in headless Chromium (builds the page first)
  data         128x128 loss surfaces over 1,000 points per model; mini-batch against full-batch steps
  landscape    200x200 basin maps, a 10,000-start cloud (time, frames) on the page; longest main-thread task

Options:
  --json       one JSON object a line: suite, name, value, unit, ...
  --help       this help

Exit status: 0 after the suites ran, 2 for an unknown suite or option (nothing runs).`;

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(help + "\n");
    return;
  }
  const json = args.includes("--json");
  const unknownOptions = args.filter((a) => a.startsWith("-") && a !== "--json");
  const requested = args.filter((a) => !a.startsWith("-"));
  const unknownSuites = requested.filter((a) => !Object.hasOwn(suites, a));
  if (unknownOptions.length > 0 || unknownSuites.length > 0) {
    const what = [
      ...unknownOptions.map((a) => `unknown option ${a}`),
      ...unknownSuites.map((a) => `unknown suite "${a}"`),
    ].join(", ");
    process.stderr.write(
      `bench: ${what} (suites: ${Object.keys(suites).join(", ")}; see npm run bench -- --help)\n`,
    );
    process.exitCode = 2;
    return;
  }
  const names = Object.keys(suites).filter((n) => requested.length === 0 || requested.includes(n));
  for (const name of names) {
    const load = suites[name];
    if (!load) continue;
    const suite = await load();
    const results = await suite.run();
    if (json) {
      for (const r of results) process.stdout.write(JSON.stringify({ suite: name, ...r }) + "\n");
    } else {
      process.stdout.write(`\n${name}\n`);
      const width = Math.max(...results.map((r) => r.name.length), 10);
      for (const r of results) {
        const extras = Object.entries(r)
          .filter(([k]) => !["name", "value", "unit"].includes(k))
          .map(([k, v]) => `${k}=${typeof v === "number" ? formatValue(v) : String(v)}`)
          .join("  ");
        process.stdout.write(
          `  ${r.name.padEnd(width)}  ${formatValue(r.value).padStart(10)} ${r.unit.padEnd(6)} ${extras}\n`,
        );
      }
    }
  }
}

await main();
