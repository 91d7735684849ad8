/**
 * The surface a worker computes on, from plain data the page can send: a typed function by its
 * text, or a data scenario as the scenario document carries it (checked strictly against the
 * document's schema, as a file or link carrying it would be, then resolved; the cars are loaded
 * by the worker itself, which has none of the page's loaded files).
 */
import { loadCars } from "../core/data/cars.ts";
import { resolveData, type LoadedSources } from "../core/data/sources.ts";
import { dataSchema, issuePath, type DataSettings } from "../core/scenario/document.ts";
import { trySurface } from "../core/surface.ts";
import type { Surface } from "../core/types.ts";

/**
 * What is computed over: a typed function by its text, or a data scenario (its loss over the data
 * is the surface).
 */
export type SurfaceRequest = { f: string; data?: undefined } | { data: DataSettings };

/** The surface `request` asks for over files already loaded (`loaded`), or why there is none. */
export function requestSurface(
  request: SurfaceRequest,
  loaded: LoadedSources,
): { ok: true; surface: Surface } | { ok: false; message: string } {
  if (request.data === undefined) {
    const parsed = trySurface(request.f);
    return parsed.ok
      ? { ok: true, surface: parsed.surface }
      : { ok: false, message: `f: ${parsed.error.message}` };
  }
  const checked = dataSchema.safeParse(request.data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      message: issue
        ? `${issuePath(["data", ...issue.path])}: ${issue.message}`
        : "data: not a data scenario",
    };
  }
  return { ok: true, surface: resolveData(checked.data, loaded).surface };
}

/** The files `request` needs: the cars for the `cars` source. Rejects with the reason. */
export async function loadSources(request: SurfaceRequest): Promise<LoadedSources> {
  if (request.data?.source !== "cars") return {};
  try {
    return { cars: await loadCars() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the cars data could not be loaded (${reason})`, { cause: error });
  }
}

let cached: { key: string; surface: Surface } | null = null;

/**
 * The surface of `request`, built once for consecutive pieces of the same job (the last one is
 * kept); throws an Error naming what is wrong.
 */
export async function surfaceFor(request: SurfaceRequest): Promise<Surface> {
  const key = JSON.stringify(request);
  if (cached?.key === key) return cached.surface;
  const built = requestSurface(request, await loadSources(request));
  if (!built.ok) throw new Error(built.message);
  cached = { key, surface: built.surface };
  return built.surface;
}
