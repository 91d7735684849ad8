/**
 * Everything the surface and contour views derive from (surface, box), computed once and shared:
 * both views ask for the same model, so the grid, height rule and transform are identical.
 */
import type { Box, Surface } from "../core/types.ts";
import { gridResolution, quiverField, sampleGrid, type SurfaceGrid } from "../core/grid.ts";
import { definedRegion, type DefinedRegion } from "../core/definedRegion.ts";
import { contourLevels, contourLines, type ContourSet } from "../core/contour.ts";
import {
  axisScaleText,
  chooseHeightRule,
  createWorldTransform,
  type WorldTransform,
} from "../core/transform.ts";
import { isDataSurface } from "../core/data/miniBatch.ts";

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
  /** The axes' names: x and y, or a loss's two parameters (w and b, a and b, w₁ and w₂). */
  readonly axisNames: readonly [string, string];
  /** When x and y are drawn at different scales, that in words (core `axisScaleText`). */
  readonly scaleText: string | null;
}

/** Contour lines drawn on the map. */
export const CONTOUR_LEVEL_COUNT = 16;
/** Quiver arrows along the longer side of the box (along each side when its axes are stretched). */
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
  // Arrows an even distance apart on screen: one spacing for both axes at one scale, and
  // QUIVER_SIDE arrows along each side when the axes have a scale each (the box is a square).
  const spacing = Math.max(width, depth) / (QUIVER_SIDE - 1);
  const spacingX = transform.stretched ? width / (QUIVER_SIDE - 1) : spacing;
  const spacingY = transform.stretched ? depth / (QUIVER_SIDE - 1) : spacing;
  const qx = Math.max(2, Math.round(width / spacingX) + 1);
  const qy = Math.max(2, Math.round(depth / spacingY) + 1);
  // Inset by half a cell so edge arrows do not poke out of the box; a box far longer one way
  // than the other keeps half its short side.
  const insetX = Math.min(spacingX / 2, width / 4);
  const insetY = Math.min(spacingY / 2, depth / 4);
  const inset = {
    xmin: box.xmin + insetX,
    xmax: box.xmax - insetX,
    ymin: box.ymin + insetY,
    ymax: box.ymax - insetY,
  };
  const quiverGrid = sampleGrid(fns, inset, Math.max(2, qx - 1), Math.max(2, qy - 1), true);
  // At a scale each, lengths are capped on screen: 0.85 of a cell in world units.
  const quiver = transform.stretched
    ? quiverField(
        quiverGrid,
        spacingX * transform.unitsPerMathX * 0.85,
        transform.unitsPerMathX,
        transform.unitsPerMathY,
      )
    : quiverField(quiverGrid, spacing * 0.85);
  const axisNames = isDataSurface(surface) ? surface.paramNames : (["x", "y"] as const);
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
    axisNames,
    scaleText: axisScaleText(transform, ...axisNames),
  };
  cache = [model, ...cache].slice(0, 3);
  return model;
}
