/**
 * Pieces shared by the three.js views: frame counting, redraw on playhead changes, geometry
 * built from core grids through the one shared transform, and text labels.
 */
import { useEffect } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import type { DefinedRegion } from "../core/definedRegion.ts";
import type { SurfaceGrid } from "../core/grid.ts";
import type { WorldTransform } from "../core/transform.ts";
import { colormapViridis } from "../core/colormap.ts";
import type { RunResult } from "../core/types.ts";
import { runSummary, type RunSummaryInput } from "../core/runSummary.ts";
import { formatNumber } from "../core/format.ts";
import { subscribePlayhead } from "../store/playhead.ts";
import { renderStats } from "./renderStats.ts";

/** Counts each rendered frame; must sit inside a Canvas (priority 0 keeps auto-rendering). */
export function FrameCounter() {
  useFrame(() => {
    renderStats.frames++;
  });
  return null;
}

/** Requests one frame whenever the playhead (step or hovered iterate) moves. */
export function PlayheadInvalidator() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => subscribePlayhead(() => invalidate()), [invalidate]);
  return null;
}

/** Direction of the light baked into the surface colours (world space, from above-front-right). */
const LIGHT = new THREE.Vector3(0.45, 1, 0.6).normalize();

/**
 * The surface as a triangle mesh over the part of the box where f is defined (core
 * `definedRegion`): grid node (i, j) at (worldX(x_i), worldY(f), worldZ(y_j)), then the region's
 * boundary vertices where f stops being defined, so a hole in the domain ends in a clean edge.
 * Colours are viridis of the shared colour parameter with Lambert lighting from a fixed
 * direction baked in (0.55 ambient + 0.45 · |n·l|), which costs nothing per frame in a software
 * renderer.
 */
export function buildGridGeometry(
  grid: SurfaceGrid,
  region: DefinedRegion,
  transform: WorldTransform,
): THREE.BufferGeometry {
  const { nx, ny, xs, ys, values } = grid;
  const nodes = nx * ny;
  const count = nodes + region.boundaryCount;
  const positions = new Float32Array(count * 3);
  const colors = new Float32Array(count * 3);
  const place = (k: number, x: number, y: number, f: number) => {
    positions[3 * k] = transform.worldX(x);
    positions[3 * k + 1] = transform.worldY(f);
    positions[3 * k + 2] = transform.worldZ(y);
    colormapViridis(transform.colorParameter(f), colors, 3 * k);
  };
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) place(j * nx + i, xs[i]!, ys[j]!, values[j * nx + i]!);
  }
  const { boundary } = region;
  for (let k = 0; k < region.boundaryCount; k++) {
    place(nodes + k, boundary[3 * k]!, boundary[3 * k + 1]!, boundary[3 * k + 2]!);
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute("position", new THREE.BufferAttribute(positions, 3));
  geometry.setIndex(
    count > 65535
      ? new THREE.Uint32BufferAttribute(region.triangles, 1)
      : new THREE.Uint16BufferAttribute(region.triangles, 1),
  );
  geometry.computeVertexNormals();
  const normals = geometry.getAttribute("normal") as THREE.BufferAttribute;
  for (let k = 0; k < count; k++) {
    const lambert = Math.abs(
      normals.getX(k) * LIGHT.x + normals.getY(k) * LIGHT.y + normals.getZ(k) * LIGHT.z,
    );
    const shade = 0.55 + 0.45 * lambert;
    colors[3 * k] = colors[3 * k]! * shade;
    colors[3 * k + 1] = colors[3 * k + 1]! * shade;
    colors[3 * k + 2] = colors[3 * k + 2]! * shade;
  }
  geometry.deleteAttribute("normal");
  // Viridis is defined in sRGB; three.js expects linear vertex colours and encodes on output.
  for (let k = 0; k < colors.length; k++) colors[k] = srgbToLinear(colors[k]!);
  geometry.setAttribute("color", new THREE.BufferAttribute(colors, 3));
  geometry.computeBoundingSphere();
  return geometry;
}

/**
 * The grid's colours as a texture on one flat quad covering the box, for the contour map: two
 * triangles cost a software renderer far less than the 18 000 small ones of the mesh. Node
 * (i, j) is texel (i, j), and the quad's texture coordinates put texel centres exactly on the
 * nodes, so bilinear filtering interpolates the same values the mesh would. Undefined (NaN)
 * nodes are transparent and cut out by an alpha test.
 */
export function buildFlatColorQuad(
  grid: SurfaceGrid,
  transform: WorldTransform,
): { geometry: THREE.BufferGeometry; texture: THREE.DataTexture } {
  const { nx, ny, values, box } = grid;
  const data = new Uint8Array(nx * ny * 4);
  const rgb = [0, 0, 0];
  for (let k = 0; k < nx * ny; k++) {
    const f = values[k]!;
    colormapViridis(transform.colorParameter(f), rgb, 0);
    data[4 * k] = Math.round(rgb[0]! * 255);
    data[4 * k + 1] = Math.round(rgb[1]! * 255);
    data[4 * k + 2] = Math.round(rgb[2]! * 255);
    data[4 * k + 3] = Number.isNaN(f) ? 0 : 255;
  }
  const texture = new THREE.DataTexture(data, nx, ny, THREE.RGBAFormat);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.magFilter = THREE.LinearFilter;
  texture.minFilter = THREE.LinearFilter;
  texture.needsUpdate = true;
  const x0 = transform.worldX(box.xmin);
  const x1 = transform.worldX(box.xmax);
  const z0 = transform.worldZ(box.ymin);
  const z1 = transform.worldZ(box.ymax);
  const u0 = 0.5 / nx;
  const u1 = 1 - 0.5 / nx;
  const v0 = 0.5 / ny;
  const v1 = 1 - 0.5 / ny;
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute(
    "position",
    new THREE.BufferAttribute(new Float32Array([x0, 0, z0, x1, 0, z0, x1, 0, z1, x0, 0, z1]), 3),
  );
  geometry.setAttribute(
    "uv",
    new THREE.BufferAttribute(new Float32Array([u0, v0, u1, v0, u1, v1, u0, v1]), 2),
  );
  // Counter-clockwise seen from above (+y).
  geometry.setIndex([0, 1, 2, 0, 2, 3]);
  return { geometry, texture };
}

/** IEC 61966-2-1 sRGB decoding of one channel. */
function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** Formats an axis tick without float noise: 0.30000000000000004 -> "0.3", 25000 -> "25000". */
export function formatTick(value: number): string {
  return formatNumber(value, 4);
}

/**
 * What a screen reader hears for a map view: the box, and each run (with what sets it apart)
 * and where it starts and ends.
 */
export function viewSummary(
  what: string,
  box: { xmin: number; xmax: number; ymin: number; ymax: number },
  runs: readonly (RunSummaryInput & { label: string; start: number[]; result: RunResult })[],
): string {
  const fmt = (v: number) => formatTick(Number(v.toPrecision(3)));
  const runText = runs
    .map((run) => {
      const p = run.result.final.point;
      return `${run.label} (${runSummary(run)}) from (${run.start.map(fmt).join(", ")}) to (${p.map(fmt).join(", ")})`;
    })
    .join("; ");
  return `${what} of f over x from ${fmt(box.xmin)} to ${fmt(box.xmax)} and y from ${fmt(box.ymin)} to ${fmt(box.ymax)}. ${runText}`;
}
