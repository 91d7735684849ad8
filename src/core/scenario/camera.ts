/**
 * The 3D camera of a scenario document, independent of the canvas: where it looks from as
 * angles, how close as a zoom relative to the distance that fits the box, and what it orbits.
 * World coordinates are the views' (y up, the floor is the x–z plane).
 */
import type { CameraSettings } from "./document.ts";

const DEGREES = 180 / Math.PI;

/**
 * The settings of a camera at `target + offset`: azimuth = atan2(offset_z, offset_x) and
 * elevation = asin(offset_y / |offset|) in degrees, zoom = fitDistance / |offset|. Values are
 * clamped into the schema's ranges, so the result is always a valid part of a document.
 */
export function cameraSettingsFrom(
  offset: readonly [number, number, number],
  target: readonly [number, number, number],
  fitDistance: number,
): CameraSettings {
  const [x, y, z] = offset;
  const distance = Math.hypot(x, y, z) || fitDistance;
  const clamp = (value: number, min: number, max: number) =>
    Math.min(Math.max(Number.isFinite(value) ? value : 0, min), max);
  return {
    azimuth: clamp(Math.atan2(z, x) * DEGREES, -180, 180),
    elevation: clamp(Math.asin(clamp(y / distance, -1, 1)) * DEGREES, -90, 90),
    zoom: clamp(fitDistance / distance, 0.05, 20),
    target: [clamp(target[0], -100, 100), clamp(target[1], -100, 100), clamp(target[2], -100, 100)],
  };
}

/** The offset from the target that `settings` describe, at `fitDistance / zoom` from it. */
export function cameraOffsetOf(
  settings: CameraSettings,
  fitDistance: number,
): [number, number, number] {
  const azimuth = settings.azimuth / DEGREES;
  const elevation = settings.elevation / DEGREES;
  const distance = fitDistance / settings.zoom;
  return [
    distance * Math.cos(elevation) * Math.cos(azimuth),
    distance * Math.sin(elevation),
    distance * Math.cos(elevation) * Math.sin(azimuth),
  ];
}
