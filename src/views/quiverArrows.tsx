/**
 * The field of −∇f as flat arrows lying in a horizontal plane: on the contour map over the colour
 * fill, and in the 3D view on the floor under the surface. Each arrow is centred on its grid
 * node, turned to atan2(−∂f/∂y, −∂f/∂x) and stretched to its capped length (see core
 * `quiverField`), both as the transform draws them (`worldArrow`: when x and y have a scale
 * each, the direction a step moves in the picture). All arrows are one plain mesh, one draw: a software renderer pays a draw's setup
 * for every instance of an instanced mesh, and the arrows never move.
 */
import { useEffect, useMemo } from "react";
import { useThree } from "@react-three/fiber";
import * as THREE from "three";
import { worldArrow } from "../core/transform.ts";
import type { SurfaceModel } from "./surfaceModel.ts";

export interface QuiverArrowsProps {
  model: SurfaceModel;
  visible: boolean;
  /** World height of the plane the arrows lie in. */
  y: number;
  color: string;
  opacity: number;
  /** Arrow width as a multiple of the map's (seen at a slant, arrows on a floor need more). */
  weight?: number;
  /** False draws the arrows over everything (a flat map); true lets a surface hide them. */
  depthTest: boolean;
  renderOrder: number;
  /**
   * With `depthTest`, also draw the parts of arrows that something hides, over it, in this
   * colour and opacity: the field under a surface still shows, dimmed.
   */
  hidden?: { color: string; opacity: number };
}

export function QuiverArrows({
  model,
  visible,
  y,
  color,
  opacity,
  weight = 1,
  depthTest,
  renderOrder,
  hidden,
}: QuiverArrowsProps) {
  const invalidate = useThree((s) => s.invalidate);
  const { transform, quiver, quiverCount } = model;
  const geometry = useMemo(() => {
    // Unit arrow along +x from −0.5 to 0.5 in the floor plane: shaft and head.
    const shape = new THREE.Shape();
    shape.moveTo(-0.5, -0.06);
    shape.lineTo(0.1, -0.06);
    shape.lineTo(0.1, -0.25);
    shape.lineTo(0.5, 0);
    shape.lineTo(0.1, 0.25);
    shape.lineTo(0.1, 0.06);
    shape.lineTo(-0.5, 0.06);
    shape.closePath();
    return new THREE.ShapeGeometry(shape).rotateX(-Math.PI / 2);
  }, []);
  const arrows = useMemo(() => {
    const matrix = new THREE.Matrix4();
    const position = new THREE.Vector3();
    const rotation = new THREE.Quaternion();
    const scale = new THREE.Vector3();
    const axis = new THREE.Vector3(0, 1, 0);
    const vertex = new THREE.Vector3();
    const unit = geometry.getAttribute("position");
    const unitIndex = geometry.getIndex()!;
    const positions = new Float32Array(quiverCount * unit.count * 3);
    const index = new Uint32Array(quiverCount * unitIndex.count);
    // Each arrow as drawn: a heading about world +y and a world length (per axis when stretched).
    const drawn = Array.from({ length: quiverCount }, (_, k) =>
      worldArrow(transform, quiver[4 * k + 2]!, quiver[4 * k + 3]!),
    );
    // A fixed arrow width (in world units) keeps short arrows readable as directions.
    let longest = 0;
    for (let k = 0; k < quiverCount; k++) longest = Math.max(longest, quiver[4 * k + 3]!);
    const width = transform.stretched
      ? 0.5 * weight * Math.max(0, ...drawn.map((arrow) => arrow.length))
      : 0.5 * weight * longest * transform.unitsPerMath;
    for (let k = 0; k < quiverCount; k++) {
      const { heading, length } = drawn[k]!;
      position.set(transform.worldX(quiver[4 * k]!), y, transform.worldZ(quiver[4 * k + 1]!));
      rotation.setFromAxisAngle(axis, heading);
      scale.set(length, 1, length > 0 ? Math.min(width, length * 1.2 * weight) : 0);
      matrix.compose(position, rotation, scale);
      for (let v = 0; v < unit.count; v++) {
        vertex.fromBufferAttribute(unit, v).applyMatrix4(matrix);
        vertex.toArray(positions, (k * unit.count + v) * 3);
      }
      for (let i = 0; i < unitIndex.count; i++) {
        index[k * unitIndex.count + i] = k * unit.count + unitIndex.getX(i);
      }
    }
    const merged = new THREE.BufferGeometry();
    merged.setAttribute("position", new THREE.BufferAttribute(positions, 3));
    merged.setIndex(new THREE.BufferAttribute(index, 1));
    return merged;
  }, [geometry, transform, quiver, quiverCount, y, weight]);
  const mesh = useMemo(() => {
    const m = new THREE.Mesh(
      arrows,
      new THREE.MeshBasicMaterial({
        color,
        transparent: opacity < 1,
        opacity,
        depthTest,
        side: THREE.DoubleSide,
      }),
    );
    m.renderOrder = renderOrder;
    m.frustumCulled = false;
    return m;
  }, [arrows, color, opacity, depthTest, renderOrder]);
  // The same arrows again, only where something nearer hides them (depth test "greater": the
  // arrow is behind what is drawn there), blended over it. Custom blending on a material that is
  // not `transparent` keeps it in three.js's opaque list, ordered by renderOrder: drawn after the
  // surface has written its depth, and before the paths and markers, which stay on top.
  const hiddenColor = hidden?.color;
  const hiddenOpacity = hidden?.opacity;
  const seen = useMemo(() => {
    if (hiddenColor === undefined || hiddenOpacity === undefined) return null;
    const m = new THREE.Mesh(
      arrows,
      new THREE.MeshBasicMaterial({
        color: hiddenColor,
        opacity: hiddenOpacity,
        blending: THREE.CustomBlending,
        blendSrc: THREE.SrcAlphaFactor,
        blendDst: THREE.OneMinusSrcAlphaFactor,
        depthFunc: THREE.GreaterDepth,
        depthWrite: false,
        side: THREE.DoubleSide,
      }),
    );
    m.renderOrder = renderOrder + 1;
    m.frustumCulled = false;
    return m;
  }, [arrows, hiddenColor, hiddenOpacity, renderOrder]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => arrows.dispose(), [arrows]);
  useEffect(() => () => (mesh.material as THREE.Material).dispose(), [mesh]);
  useEffect(() => () => (seen?.material as THREE.Material | undefined)?.dispose(), [seen]);
  useEffect(() => invalidate(), [mesh, seen, visible, invalidate]);
  return (
    <group visible={visible}>
      <primitive object={mesh} />
      {seen && <primitive object={seen} />}
    </group>
  );
}
