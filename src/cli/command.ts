/**
 * The shapes every command of the `descent` command line shares. They live apart from
 * `main.ts`, which loads the commands, so a command never imports its own loader.
 */

/** A command of the `descent` command line. */
export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Full help text, printed by `descent <command> --help`. */
  help: string;
  /** Runs the command; returns the exit status. Throws CliError for bad input. */
  run(argv: string[], io: CliIo): Promise<number> | number;
}

/** Where a command writes. Tests pass their own buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Shows how much of a long job is done (0 to 1), where someone watches: the command line's
   * own io draws a bar on stderr only when stderr is a terminal; tests and pipes pass none.
   */
  progress?(fraction: number): void;
}
