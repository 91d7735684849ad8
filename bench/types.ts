/**
 * The shapes every benchmark suite shares. They live apart from `index.ts`, which loads the
 * suites, so a suite never imports its own runner.
 */

/** One measured figure. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Optional extra facts, e.g. the ratio to hand-written code. */
  [key: string]: unknown;
}

/** A named group of measurements. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchResult[]> | BenchResult[];
}
