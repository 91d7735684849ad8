/**
 * The file a worker thread starts from. Loading the TypeScript sources through tsx
 * (./worker.mjs) resolves each of mathjs's hundreds of modules through the loader: about 1.5 s
 * before a worker computes anything, and 2.7 s each when two start at once on two cores, longer
 * than most basin maps take. The same code bundled by esbuild into one file loads in about 0.3 s.
 * The bundle is built once into `node_modules/.cache/descent-lab/` and built again when one of
 * its inputs changes (their sizes and modification times are kept beside it). Without esbuild or
 * a writable cache the workers start from ./worker.mjs, slower but the same.
 */
import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

/** The sources entry, started through tsx when no bundle can be had. */
export const sourceEntry = new URL("./worker.mjs", import.meta.url);

const packageRoot = fileURLToPath(new URL("../../../", import.meta.url));
const workerSource = fileURLToPath(new URL("./worker.ts", import.meta.url));

/** What the cache keeps beside a bundle: its file and the state of every input it was built from. */
interface Manifest {
  bundle: string;
  inputs: Record<string, [size: number, modified: number]>;
}

/**
 * Sizes and modification times of the inputs. Read synchronously: the command's thread computes
 * pieces meanwhile, and a callback per file would wait a piece each.
 */
function inputState(files: readonly string[]): Manifest["inputs"] {
  const inputs: Manifest["inputs"] = {};
  for (const file of files) {
    const info = statSync(path.resolve(packageRoot, file));
    inputs[file] = [info.size, info.mtimeMs];
  }
  return inputs;
}

const sameInputs = (a: Manifest["inputs"], b: Manifest["inputs"]) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Writes `text` to `file` whole or not at all: a process reading it never sees half a file. */
function writeWhole(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function cacheDirectory(): string {
  for (const directory of [
    path.join(packageRoot, "node_modules", ".cache", "descent-lab"),
    path.join(tmpdir(), `descent-lab-${process.getuid?.() ?? "user"}`),
  ]) {
    try {
      mkdirSync(directory, { recursive: true });
      return directory;
    } catch {
      // Not writable: try the next place.
    }
  }
  throw new Error("no writable cache directory");
}

/** The bundle in the cache, if every input it was built from is unchanged. */
function cachedBundle(directory: string): string | undefined {
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(directory, "worker.json"), "utf8"),
    ) as Manifest;
    const bundle = path.join(directory, path.basename(manifest.bundle));
    if (!sameInputs(inputState(Object.keys(manifest.inputs)), manifest.inputs)) return undefined;
    statSync(bundle);
    return bundle;
  } catch {
    return undefined;
  }
}

async function buildBundle(directory: string): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [workerSource],
    absWorkingDir: packageRoot,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const inputs = inputState(Object.keys(result.metafile.inputs));
  const name = `worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`;
  writeWhole(path.join(directory, name), code);
  writeWhole(
    path.join(directory, "worker.json"),
    JSON.stringify({ bundle: name, inputs } satisfies Manifest),
  );
  removeOldBundles(directory, name);
  return path.join(directory, name);
}

/** Bundles replaced more than ten minutes ago: no command still starting workers uses them. */
function removeOldBundles(directory: string, keep: string): void {
  const old = Date.now() - 10 * 60 * 1000;
  for (const name of readdirSync(directory)) {
    if (name === keep || !/^worker-[0-9a-f]+\.mjs$/.test(name)) continue;
    const file = path.join(directory, name);
    try {
      if (statSync(file).mtimeMs < old) unlinkSync(file);
    } catch {
      // Removed by another command meanwhile.
    }
  }
}

let entry: Promise<URL> | undefined;

/** The URL workers start from: the cached bundle, built first if need be, or the sources. */
export function workerEntry(): Promise<URL> {
  entry ??= (async () => {
    try {
      const directory = cacheDirectory();
      const bundle = cachedBundle(directory) ?? (await buildBundle(directory));
      return pathToFileURL(bundle);
    } catch {
      return sourceEntry;
    }
  })();
  return entry;
}
