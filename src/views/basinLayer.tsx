/**
 * The basin map drawn over the contour map's fill and over the 3D surface: every grid cell in the
 * colour of the minimum a run started there reaches (core/landscape/basinMapView.ts), cells where
 * f is not defined left out. The map comes from the basin job's store (computed on the workers);
 * a finer map replaces a coarser one as it arrives.
 */
import { useEffect, useMemo } from "react";
import * as THREE from "three";
import type { BasinMap } from "../core/batch.ts";
import { basinPixels } from "../core/landscape/basinMapView.ts";
import type { WorldTransform } from "../core/transform.ts";
import { useExplorerStore } from "../store/index.ts";
import { useBasinJob } from "../store/landscapeJobs.ts";

/** The basin map to draw: the job's latest while the "Basin map" toggle is on, else null. */
export function useShownBasinMap(): BasinMap | null {
  const on = useExplorerStore((s) => s.view.basinMap && s.compare === null);
  const map = useBasinJob((s) => s.map);
  return on ? map : null;
}

/** The map's cells as a texture: one texel per cell, row 0 at ymin, no blurring of borders. */
function basinTexture(map: BasinMap): THREE.DataTexture {
  const texture = new THREE.DataTexture(basinPixels(map), map.columns, map.rows, THREE.RGBAFormat);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.magFilter = THREE.NearestFilter;
  texture.minFilter = THREE.NearestFilter;
  texture.needsUpdate = true;
  return texture;
}

function useBasinTexture(map: BasinMap): THREE.DataTexture {
  const texture = useMemo(() => basinTexture(map), [map]);
  useEffect(() => () => texture.dispose(), [texture]);
  return texture;
}

/**
 * The map on one flat quad over the box, at height `y` on the contour map: texture coordinates
 * run 0 to 1 across the box, so texel (i, j) covers exactly grid cell (i, j).
 */
export function BasinOverlay({
  map,
  transform,
  y,
  opacity,
}: {
  map: BasinMap;
  transform: WorldTransform;
  y: number;
  opacity: number;
}) {
  const texture = useBasinTexture(map);
  const geometry = useMemo(() => {
    const { box } = map;
    const x0 = transform.worldX(box.xmin);
    const x1 = transform.worldX(box.xmax);
    const z0 = transform.worldZ(box.ymin);
    const z1 = transform.worldZ(box.ymax);
    const quad = new THREE.BufferGeometry();
    quad.setAttribute(
      "position",
      new THREE.BufferAttribute(new Float32Array([x0, y, z0, x1, y, z0, x1, y, z1, x0, y, z1]), 3),
    );
    quad.setAttribute(
      "uv",
      new THREE.BufferAttribute(new Float32Array([0, 0, 1, 0, 1, 1, 0, 1]), 2),
    );
    quad.setIndex([0, 1, 2, 0, 2, 3]);
    return quad;
  }, [map, transform, y]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry} renderOrder={0.5}>
      <meshBasicMaterial map={texture} transparent opacity={opacity} depthTest={false} />
    </mesh>
  );
}

/**
 * The map laid on the 3D surface: the surface mesh's own positions and triangles with texture
 * coordinates from each vertex's place in the box, drawn just in front of the surface.
 */
export function BasinSurfaceOverlay({
  map,
  geometry,
  transform,
}: {
  map: BasinMap;
  geometry: THREE.BufferGeometry;
  transform: WorldTransform;
}) {
  const texture = useBasinTexture(map);
  const draped = useMemo(() => {
    const positions = geometry.getAttribute("position") as THREE.BufferAttribute;
    const { box } = map;
    const x0 = transform.worldX(box.xmin);
    const x1 = transform.worldX(box.xmax);
    const z0 = transform.worldZ(box.ymin);
    const z1 = transform.worldZ(box.ymax);
    const uv = new Float32Array(positions.count * 2);
    for (let k = 0; k < positions.count; k++) {
      uv[2 * k] = (positions.getX(k) - x0) / (x1 - x0);
      uv[2 * k + 1] = (positions.getZ(k) - z0) / (z1 - z0);
    }
    const copy = new THREE.BufferGeometry();
    copy.setAttribute("position", positions);
    copy.setAttribute("uv", new THREE.BufferAttribute(uv, 2));
    if (geometry.index) copy.setIndex(geometry.index);
    copy.boundingSphere = geometry.boundingSphere;
    return copy;
  }, [geometry, map, transform]);
  // The position and index buffers are the surface's: only the copy's own uv goes.
  useEffect(() => () => draped.dispose(), [draped]);
  return (
    <mesh geometry={draped}>
      <meshBasicMaterial
        map={texture}
        transparent
        opacity={0.8}
        side={THREE.DoubleSide}
        depthWrite={false}
        polygonOffset
        polygonOffsetFactor={-1}
        polygonOffsetUnits={-1}
      />
    </mesh>
  );
}
