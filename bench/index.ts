/**
 * `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object a line.
 * Optional filter: `npm run bench -- expression` runs only suites whose name contains it.
 * Benchmarks measure; they never pass or fail.
 */
import type { BenchSuite } from "./types.ts";

const suites: Record<string, () => Promise<BenchSuite>> = {
  expression: async () => (await import("./expression.ts")).suite,
  optimizers: async () => (await import("./optimizers.ts")).suite,
  browser: async () => (await import("./browser.ts")).suite,
};

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const filters = args.filter((a) => !a.startsWith("--"));
  const names = Object.keys(suites).filter(
    (n) => filters.length === 0 || filters.some((f) => n.includes(f)),
  );
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
