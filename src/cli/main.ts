import type { CliIo, Command } from "./command.ts";
import { CliError } from "./common.ts";

const commands: Record<string, () => Promise<Command>> = {
  grad: async () => (await import("./grad.ts")).gradCommand,
  run: async () => (await import("./run.ts")).runCommand,
  basins: async () => (await import("./basins.ts")).basinsCommand,
  sweep: async () => (await import("./sweep.ts")).sweepCommand,
  export: async () => (await import("./export.ts")).exportCommand,
  fit: async () => (await import("./fit.ts")).fitCommand,
};

const usage = `descent: the Descent Lab command line

Usage: descent <command> [options]

Commands:
  grad     value, exact and finite-difference gradients, Hessian and classification at a point
  run      run one optimizer from a start point, or every run of a scenario, and print the path
  basins   basin-of-attraction map over a grid of starts
  sweep    final loss and status over log-spaced learning rates
  export   every run of a scenario, every step (point, f, gradient, step, state) as CSV or JSON
  fit      fit a model to data (built in or a CSV file) by descending its loss

Run "descent <command> --help" or "descent help <command>" for the options of a command.
Without a command it prints this on stderr and exits with status 2; "descent --help" prints it on
stdout and exits with 0.`;

/** When the first progress was drawn, for the time left; null while no bar is on screen. */
let progressStart: number | null = null;

/** Clears the progress bar's line, so the next stderr text starts on a clean line. */
function clearProgress(): void {
  if (progressStart === null) return;
  process.stderr.write("\r\x1b[K");
  progressStart = null;
}

/**
 * "[#########...........]  45%  0:12 left" on one stderr line, redrawn in place: the fraction
 * done and the time left at the pace so far.
 */
export function progressLine(fraction: number, elapsedMs: number, width = 30): string {
  const done = Math.max(0, Math.min(1, fraction));
  const filled = Math.round(done * width);
  const left = done > 0 ? (elapsedMs * (1 - done)) / done / 1000 : NaN;
  const clock = Number.isFinite(left)
    ? `${Math.floor(left / 60)}:${String(Math.round(left % 60)).padStart(2, "0")} left`
    : "";
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.floor(done * 100)).padStart(3)}%  ${clock}`;
}

const processIo: CliIo = {
  out: (text) => {
    clearProgress();
    process.stdout.write(text.endsWith("\n") ? text : text + "\n");
  },
  err: (text) => {
    clearProgress();
    process.stderr.write(text.endsWith("\n") ? text : text + "\n");
  },
  // Never on stdout, and never into a pipe or a file: only a person at a terminal reads it.
  ...(process.stderr.isTTY
    ? {
        progress: (fraction: number) => {
          const now = Date.now();
          progressStart ??= now;
          process.stderr.write(`\r${progressLine(fraction, now - progressStart)}`);
        },
      }
    : {}),
};

/** Entry point: dispatches to a command, turns bad input into exit status 2 and one stderr line. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // No command is a mistake in a script: the usage goes with the mistake, to stderr.
    io.err(usage);
    return 2;
  }
  if (name === "--help" || name === "-h" || (name === "help" && rest.length === 0)) {
    io.out(usage);
    return 0;
  }
  if (name === "help") {
    const [topic, ...extra] = rest;
    const loadTopic = topic === undefined ? undefined : commands[topic];
    if (!loadTopic || extra.length > 0) {
      io.err(
        `descent help: takes one command name (commands: ${Object.keys(commands).join(", ")}), got "${rest.join(" ")}"`,
      );
      return 2;
    }
    io.out((await loadTopic()).help);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.err(`descent: unknown command "${name}" (commands: ${Object.keys(commands).join(", ")})`);
    return 2;
  }
  try {
    const command = await load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(command.help);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`descent ${name}: internal error: ${message}`);
    return 1;
  }
}
