/**
 * A canvas's still part, drawn once and reused while nothing in it changes: the 3D surface's
 * mesh, axes and floor field stay put while runs play, yet a software renderer paid for their
 * thousands of triangles on every frame of playback.
 *
 * `StillLayer`'s children go into a scene of their own, drawn into an off-screen target that
 * keeps both colour and depth. Each frame puts the target back over the whole canvas with one
 * quad that writes the stored colour and the stored depth, then draws the canvas's own scene
 * (paths, markers, arrows) over it: what moves is still hidden behind the surface where the
 * surface is in front, exactly as when everything is drawn together.
 *
 * The layer is drawn again when the camera or the canvas size changes, and when anything in its
 * scene changes: an object shown or hidden, moved, its geometry or material changed. That is
 * read off the scene itself each frame (a few dozen objects), so code that changes a still
 * object imperatively needs no extra signal.
 */
import { useEffect, useLayoutEffect, useState, type ReactNode } from "react";
import { createPortal, useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import { renderStats } from "./renderStats.ts";
import { screenQuad } from "./screenQuad.ts";

/** Everything that, changed, changes the still layer's picture; compared frame to frame. */
function sceneSignature(scene: THREE.Scene, camera: THREE.Camera, width: number, height: number) {
  const out: number[] = [width, height];
  out.push(...camera.projectionMatrix.elements, ...camera.matrixWorldInverse.elements);
  scene.traverse((object) => {
    out.push(object.id, object.visible ? 1 : 0, object.renderOrder, ...object.matrixWorld.elements);
    const { geometry, material } = object as Partial<THREE.Mesh>;
    if (geometry) {
      out.push(geometry.id, geometry.drawRange.start, geometry.drawRange.count);
      for (const attribute of Object.values(geometry.attributes)) {
        out.push(
          "isInterleavedBufferAttribute" in attribute ? attribute.data.version : attribute.version,
        );
      }
      if (geometry.index) out.push(geometry.index.version);
    }
    const instanced = object as Partial<THREE.InstancedMesh>;
    if (instanced.isInstancedMesh && instanced.instanceMatrix) {
      out.push(instanced.count ?? 0, instanced.instanceMatrix.version);
      if (instanced.instanceColor) out.push(instanced.instanceColor.version);
    }
    for (const m of material === undefined ? [] : Array.isArray(material) ? material : [material]) {
      out.push(m.id, m.version, m.opacity, m.visible ? 1 : 0);
      const color = (m as Partial<THREE.MeshBasicMaterial>).color;
      if (color) out.push(color.r, color.g, color.b);
    }
  });
  return out;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Colour and depth, `width` × `height`, read back pixel for pixel. */
function makeTarget(width: number, height: number): THREE.WebGLRenderTarget {
  const target = new THREE.WebGLRenderTarget(width, height, {
    depthBuffer: true,
    stencilBuffer: false,
    // Holds what the canvas would: colours tone-mapped and encoded as for the screen, in eight
    // bits, so blending in it (the floor field seen through the surface) is the canvas's own.
    colorSpace: THREE.SRGBColorSpace,
    internalFormat: "RGBA8",
    minFilter: THREE.NearestFilter,
    magFilter: THREE.NearestFilter,
    generateMipmaps: false,
    depthTexture: new THREE.DepthTexture(width, height, THREE.UnsignedIntType),
  });
  // Three.js draws for the screen (tone mapping, output colour space) only into the canvas or
  // into a target marked as the screen's stand-in; this target is one.
  (target as { isXRRenderTarget?: boolean }).isXRRenderTarget = true;
  return target;
}

function disposeTarget(target: THREE.WebGLRenderTarget): void {
  target.depthTexture?.dispose();
  target.dispose();
}

/**
 * The off-screen copy and the quad that puts it back. Three.js state, changed as the canvas
 * draws, so it lives outside React.
 */
class StillCopy {
  readonly scene = new THREE.Scene();
  private target = makeTarget(1, 1);
  readonly quad = screenQuad(
    /* glsl */ `
      uniform sampler2D map;
      uniform sampler2D depthMap;
      varying vec2 vUv;
      void main() {
        gl_FragColor = texture2D(map, vUv);
        // Nothing of the layer here: the canvas's own background shows, as it would.
        if (gl_FragColor.a == 0.0) discard;
        gl_FragDepth = texture2D(depthMap, vUv).r;
      }`,
    {
      uniforms: {
        map: { value: this.target.texture },
        depthMap: { value: this.target.depthTexture },
      },
      // Depth is written whatever was there (the canvas was just cleared).
      depthTest: true,
      depthFunc: THREE.AlwaysDepth,
      depthWrite: true,
    },
  );
  private signature: number[] = [];

  /** Draws the still scene into the copy if anything in it (or the view) changed. */
  private update(gl: THREE.WebGLRenderer, camera: THREE.Camera): void {
    // Setting the target again makes three.js take the canvas's viewport in whole pixels of its
    // drawing buffer (after a resize it is rounded from the CSS size and may be a pixel larger),
    // so the copy and everything drawn over it line up pixel for pixel.
    const previous = gl.getRenderTarget();
    gl.setRenderTarget(previous);
    const viewport = gl.getCurrentViewport(scratchViewport);
    const width = Math.max(1, Math.round(viewport.z));
    const height = Math.max(1, Math.round(viewport.w));
    camera.updateMatrixWorld();
    this.scene.updateMatrixWorld();
    const signature = sceneSignature(this.scene, camera, width, height);
    if (sameNumbers(signature, this.signature)) return;
    this.signature = signature;
    if (this.target.width !== width || this.target.height !== height) {
      // A new target rather than setSize, which leaves the depth texture at its old size.
      disposeTarget(this.target);
      this.target = makeTarget(width, height);
      const { uniforms } = this.quad.material;
      uniforms.map!.value = this.target.texture;
      uniforms.depthMap!.value = this.target.depthTexture;
    }
    // Cleared to transparent: the quad leaves those pixels to the canvas's background.
    const clearAlpha = gl.getClearAlpha();
    gl.getClearColor(scratchColor);
    gl.setClearColor(0x000000, 0);
    gl.setRenderTarget(this.target);
    gl.clear(true, true, false);
    gl.render(this.scene, camera);
    renderStats.stillDraws++;
    gl.setRenderTarget(previous);
    gl.setClearColor(scratchColor, clearAlpha);
  }

  /** The canvas's frame: the copy (brought up to date) put back, then `scene` over it. */
  draw(gl: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.Camera): void {
    this.update(gl, camera);
    gl.render(scene, camera);
  }

  /** The canvas's frame with everything drawn afresh, as a canvas without the layer draws. */
  drawAfresh(gl: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.Camera): void {
    // The still scene first, over the background, then the rest without clearing (a colour
    // background would clear it again).
    const background = scene.background;
    this.quad.visible = false;
    this.scene.background = background;
    gl.render(this.scene, camera);
    this.scene.background = null;
    scene.background = null;
    const autoClear = gl.autoClear;
    gl.autoClear = false;
    gl.render(scene, camera);
    gl.autoClear = autoClear;
    scene.background = background;
    this.quad.visible = true;
    // The copy may be stale now: the next reuse draws it again.
    this.signature = [];
  }

  dispose(): void {
    disposeTarget(this.target);
    this.quad.geometry.dispose();
    this.quad.material.dispose();
  }
}

const scratchViewport = new THREE.Vector4();
const scratchColor = new THREE.Color();

/**
 * Draws `children` as the canvas's still layer, under everything else in the canvas's scene,
 * and takes over the canvas's drawing (a frame callback of priority 1). One per canvas.
 */
export function StillLayer({ children }: { children: ReactNode }) {
  const [copy] = useState(() => new StillCopy());
  const root = useThree((s) => s.scene);
  useLayoutEffect(() => {
    root.add(copy.quad);
    return () => {
      root.remove(copy.quad);
    };
  }, [root, copy]);
  useEffect(() => () => copy.dispose(), [copy]);
  useFrame(({ gl, scene, camera }) => {
    if (renderStats.reuseStill) copy.draw(gl, scene, camera);
    else copy.drawAfresh(gl, scene, camera);
  }, 1);
  return createPortal(children, copy.scene);
}
