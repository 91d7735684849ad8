/**
 * Shareable links: `?f=<expression>&start=<x>,<y>&optimizer=<name>&lr=<number>` (also
 * `scenario=<id>` and `box=<xmin>,<xmax>,<ymin>,<ymax>`).
 *
 * A link may come from a stranger, so every parameter is validated on its own: a bad one
 * yields a message naming the parameter and the problem and is dropped, so the explorer falls
 * back to the default for that parameter alone. Nothing in a link is ever evaluated as code:
 * `f` goes through the same parser and whitelist as typed text, after a length cap.
 */
import { z } from "zod";
import { getOptimizer, optimizerNames } from "./optimizers/index.ts";
import { getScenario, scenarios } from "./scenarios.ts";
import { MAX_EXPRESSION_LENGTH } from "./parse.ts";
import { trySurface } from "./surface.ts";
import type { Box } from "./types.ts";

/** What a link asks for; absent fields were missing or invalid. */
export interface LinkRequest {
  scenario?: string;
  /** A function text that parses. */
  f?: string;
  /** One or two finite coordinates. */
  start?: number[];
  /** A registered optimizer key. */
  optimizer?: string;
  lr?: number;
  box?: Box;
}

export interface ParsedLink {
  request: LinkRequest;
  /** One message per rejected parameter: which one, what is wrong, what is used instead. */
  messages: string[];
}

/** Longest function text a link may carry (the parser's own cap); longer ones are refused unread. */
export const MAX_LINK_F_LENGTH = MAX_EXPRESSION_LENGTH;
/** Largest coordinate magnitude a link may carry. */
export const MAX_LINK_COORDINATE = 1e6;

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Text of a link's value for a message: quoted, shortened, never markup. */
function quote(raw: string): string {
  const short = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
  return JSON.stringify(short);
}

const numberText = z
  .string()
  .trim()
  .max(40, "is too long to be a number")
  .regex(NUMBER_PATTERN, "is not a number")
  .transform(Number)
  .refine(Number.isFinite, "is too large to be a number");

const coordinate = numberText.refine(
  (value) => Math.abs(value) <= MAX_LINK_COORDINATE,
  `is outside -${MAX_LINK_COORDINATE} to ${MAX_LINK_COORDINATE}`,
);

const startSchema = z
  .string()
  .max(200, "is too long")
  .transform((text) => text.split(","))
  .pipe(
    z
      .array(coordinate)
      .min(1, "needs one or two numbers, x or x,y")
      .max(2, "needs one or two numbers, x or x,y"),
  );

const boxSchema = z
  .string()
  .max(200, "is too long")
  .transform((text) => text.split(","))
  .pipe(z.array(coordinate).length(4, "needs four numbers xmin,xmax,ymin,ymax"))
  .refine(([xmin, xmax, ymin, ymax]) => xmin! < xmax! && ymin! < ymax!, {
    message: "needs xmin < xmax and ymin < ymax",
  })
  .transform(([xmin, xmax, ymin, ymax]): Box => ({
    xmin: xmin!,
    xmax: xmax!,
    ymin: ymin!,
    ymax: ymax!,
  }));

const scenarioSchema = z
  .string()
  .max(100, "is too long")
  .refine((id) => getScenario(id) !== undefined, {
    message: `is not a scenario (known: ${scenarios.map((s) => s.id).join(", ")})`,
  });

const optimizerSchema = z
  .string()
  .max(100, "is too long")
  .refine((name) => getOptimizer(name) !== undefined, {
    message: `is not an optimizer (known: ${optimizerNames.join(", ")})`,
  });

const fSchema = z.string().refine((text) => text.length <= MAX_LINK_F_LENGTH, {
  message: `is too long (at most ${MAX_LINK_F_LENGTH} characters)`,
});

/** "at character 5", "at characters 5 to 7" (1-based) or "at the end". */
function describePosition(text: string, start: number, end: number): string {
  if (start >= text.length) return "at the end";
  return end - start <= 1 ? `at character ${start + 1}` : `at characters ${start + 1} to ${end}`;
}

/** Validates one raw value; on failure, records "<name>": <problem>; <fallback>. */
function check<T>(
  schema: z.ZodType<T, string>,
  name: string,
  raw: string | null,
  fallback: string,
  messages: string[],
): T | undefined {
  if (raw === null) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0]?.message ?? "is not valid";
  messages.push(`Link parameter "${name}": ${quote(raw)} ${problem}; ${fallback}.`);
  return undefined;
}

/**
 * Reads a link's query string (with or without the leading "?") into a request.
 * Each invalid parameter is left out of the request and explained in `messages`.
 */
export function parseLink(search: string): ParsedLink {
  const query = new URLSearchParams(search);
  const messages: string[] = [];
  const request: LinkRequest = {};

  const scenario = check(
    scenarioSchema,
    "scenario",
    query.get("scenario"),
    "using the default scenario",
    messages,
  );
  if (scenario !== undefined) request.scenario = scenario;

  const fText = check(fSchema, "f", query.get("f"), "using the default function", messages);
  let dimension: 1 | 2 | undefined;
  if (fText !== undefined) {
    const parsed = trySurface(fText);
    if (parsed.ok) {
      request.f = fText;
      dimension = parsed.surface.dimension;
    } else {
      const { error } = parsed;
      messages.push(
        `Link parameter "f": ${error.message} (${describePosition(fText, error.start, error.end)} of ${quote(fText)}); using the default function.`,
      );
    }
  }

  const startRaw = query.get("start");
  const start = check(startSchema, "start", startRaw, "using the default start", messages);
  if (start !== undefined) {
    if (dimension === 2 && start.length !== 2) {
      messages.push(
        `Link parameter "start": ${quote(startRaw ?? "")} needs two numbers x,y for a function of x and y; using the default start.`,
      );
    } else request.start = dimension === 1 ? start.slice(0, 1) : start;
  }

  const optimizer = check(
    optimizerSchema,
    "optimizer",
    query.get("optimizer"),
    "using gradient descent",
    messages,
  );
  if (optimizer !== undefined) request.optimizer = optimizer;

  const lrRaw = query.get("lr");
  const lr = check(numberText, "lr", lrRaw, "using the default learning rate", messages);
  if (lr !== undefined) {
    const name = request.optimizer ?? "gd";
    const spec = getOptimizer(name)?.params.find((p) => p.key === "lr");
    if (!spec) {
      messages.push(`Link parameter "lr": optimizer "${name}" has no learning rate; ignored.`);
    } else if (!(lr >= spec.min && lr <= spec.max)) {
      messages.push(
        `Link parameter "lr": ${quote(lrRaw ?? "")} is outside ${spec.min} to ${spec.max}; using the default learning rate ${spec.default}.`,
      );
    } else request.lr = lr;
  }

  const box = check(boxSchema, "box", query.get("box"), "using the default box", messages);
  if (box !== undefined) request.box = box;

  return { request, messages };
}

/** What a link captures: the scenario as loaded, or the function and one run. */
export interface LinkState {
  /** Set while an unchanged scenario is shown: the link then names it. */
  scenarioId: string | null;
  text: string;
  box: Box;
  run: { start: readonly number[]; optimizer: string; params: Record<string, number> } | null;
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ",");
}

/**
 * The query string (starting with "?") that reopens this state: `?scenario=<id>` for an
 * unchanged scenario, otherwise `?f=..&start=..&optimizer=..&lr=..&box=..` for the given run.
 */
export function linkFromState(state: LinkState): string {
  if (state.scenarioId !== null) return `?scenario=${encode(state.scenarioId)}`;
  const parts = [`f=${encode(state.text)}`];
  if (state.run) {
    parts.push(`start=${encode(state.run.start.map(String).join(","))}`);
    parts.push(`optimizer=${encode(state.run.optimizer)}`);
    const lr = state.run.params.lr;
    if (lr !== undefined) parts.push(`lr=${encode(String(lr))}`);
  }
  const { xmin, xmax, ymin, ymax } = state.box;
  parts.push(`box=${encode([xmin, xmax, ymin, ymax].map(String).join(","))}`);
  return `?${parts.join("&")}`;
}
