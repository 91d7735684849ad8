/**
 * Everything the surface and contour views derive from (surface, box), computed once and shared:
 * both views ask for the same model, so the grid, height rule and transform are identical.
 */
import type { Box, Surface } from "../core/types.ts";
import { gridResolution, quiverField, sampleGrid, type SurfaceGrid } from "../core/grid.ts";
import { definedRegion, type DefinedRegion } from "../core/definedRegion.ts";
import { contourLevels, contourLines, type ContourSet } from "../core/contour.ts";
import { chooseHeightRule, createWorldTransform, type WorldTransform } from "../core/transform.ts";

export interface SurfaceModel {
  readonly surface: Surface;
  readonly box: Box;
  /** Grid drawn at rest. */
  readonly fine: SurfaceGrid;
  /** Grid drawn while dragging or orbiting. */
  readonly coarse: SurfaceGrid;
  /** Where f is defined over each grid, cut at the edge of f's domain. */
  readonly fineRegion: DefinedRegion;
  readonly coarseRegion: DefinedRegion;
  readonly transform: WorldTransform;
  readonly contours: ContourSet;
  /** Quiver arrows: x, y, angle, length (math units) per arrow. */
  readonly quiver: Float32Array;
  readonly quiverCount: number;
}

/** Contour lines drawn on the map. */
export const CONTOUR_LEVEL_COUNT = 16;
/** Quiver arrows along the longer side of the box. */
export const QUIVER_SIDE = 14;

let cache: SurfaceModel[] = [];

function sameBox(a: Box, b: Box): boolean {
  return a.xmin === b.xmin && a.xmax === b.xmax && a.ymin === b.ymin && a.ymax === b.ymax;
}

/** The model for this surface and box; the last few are kept so both views share one. */
export function getSurfaceModel(surface: Surface, box: Box): SurfaceModel {
  const hit = cache.find((m) => m.surface === surface && sameBox(m.box, box));
  if (hit) return hit;
  const fns = { f: surface.f, dfdx: surface.dfdx, dfdy: surface.dfdy };
  const side = gridResolution("full");
  const fine = sampleGrid(fns, box, side, side, false);
  const coarseSide = gridResolution("interactive");
  const coarse = sampleGrid(fns, box, coarseSide, coarseSide, false);
  const fineRegion = definedRegion(fine, surface.f);
  const coarseRegion = definedRegion(coarse, surface.f);
  const transform = createWorldTransform(box, chooseHeightRule(fine.values));
  const contours = contourLines(fine, contourLevels(fine.values, CONTOUR_LEVEL_COUNT));
  const width = box.xmax - box.xmin;
  const depth = box.ymax - box.ymin;
  const spacing = Math.max(width, depth) / (QUIVER_SIDE - 1);
  const qx = Math.max(2, Math.round(width / spacing) + 1);
  const qy = Math.max(2, Math.round(depth / spacing) + 1);
  // Inset by half a cell so edge arrows do not poke out of the box; a box far longer one way
  // than the other (a loss over parameters of very different scales) keeps half its short side.
  const insetX = Math.min(spacing / 2, width / 4);
  const insetY = Math.min(spacing / 2, depth / 4);
  const inset = {
    xmin: box.xmin + insetX,
    xmax: box.xmax - insetX,
    ymin: box.ymin + insetY,
    ymax: box.ymax - insetY,
  };
  const quiverGrid = sampleGrid(fns, inset, Math.max(2, qx - 1), Math.max(2, qy - 1), true);
  const quiver = quiverField(quiverGrid, spacing * 0.85);
  const model: SurfaceModel = {
    surface,
    box,
    fine,
    coarse,
    fineRegion,
    coarseRegion,
    transform,
    contours,
    quiver,
    quiverCount: quiverGrid.nx * quiverGrid.ny,
  };
  cache = [model, ...cache].slice(0, 3);
  return model;
}
