import { parseArgs, type ParseArgsConfig } from "node:util";

/** A problem with what the user asked for: printed as one stderr line, exit status 2. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/**
 * node's parseArgs reads "--at -1,2" as a missing value followed by an unknown option.
 * Negative numbers and expressions such as "-x^2" are everyday values here, so a string
 * option followed by something starting with "-" that is not one of the command's own
 * options takes it as its value.
 */
export function joinNegativeValues(
  argv: readonly string[],
  options: Readonly<Record<string, { type: "string" | "boolean"; short?: string }>>,
): string[] {
  const isOption = (token: string) => {
    if (token.startsWith("--")) return Object.hasOwn(options, token.slice(2).split("=")[0] ?? "");
    return token === "-h" || Object.values(options).some((o) => o.short === token.slice(1));
  };
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const name = arg.startsWith("--") ? arg.slice(2) : "";
    const takesValue = Object.hasOwn(options, name) && options[name]?.type === "string";
    if (takesValue && next !== undefined && next.startsWith("-") && !isOption(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Parses options strictly; unknown or malformed options become a CliError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  argv: string[],
  options: T,
) {
  try {
    const args = joinNegativeValues(argv, options);
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`descent ${command}: ${message.split("\n")[0]}`);
  }
}

/** Parses a finite number option, naming the option in the error. */
export function parseNumberOption(
  command: string,
  name: string,
  text: string | undefined,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new CliError(`descent ${command}: --${name} must be a finite number, got "${text}"`);
  }
  return value;
}

/** Parses a comma-separated list of finite numbers, e.g. "1,2" or "-5,5,-5,5". */
export function parseNumberList(
  command: string,
  name: string,
  text: string,
  counts: number[],
): number[] {
  const parts = text.split(",").map((p) => p.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === "") || values.some((v) => !Number.isFinite(v))) {
    throw new CliError(
      `descent ${command}: --${name} must be comma-separated finite numbers, got "${text}"`,
    );
  }
  if (!counts.includes(values.length)) {
    throw new CliError(
      `descent ${command}: --${name} takes ${counts.join(" or ")} numbers, got ${values.length} ("${text}")`,
    );
  }
  return values;
}
