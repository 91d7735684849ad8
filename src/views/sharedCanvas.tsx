/**
 * Several three.js views drawn into one canvas, each into the rectangle of an element of the
 * page: a `SharedCanvas` lies behind its children, and each `SharedView` inside them draws its
 * own scene, with its own camera, into the canvas where its element is. A software renderer pays
 * for every canvas on every frame, so nine small maps with a canvas each drew at a third of one
 * canvas's frame rate; here they cost about what one canvas of their size costs.
 *
 * Each view's scene is handed to the canvas through a small store (the canvas is another React
 * renderer, so its elements cannot simply be children of the page's), and drawn in a frame
 * callback with the viewport and scissor set to its element's rectangle.
 *
 * What does not move while a view plays (a map's colour fill, contour lines and field) can be
 * wrapped in a `StaticLayer`: it is drawn once, its pixels are copied from the canvas into a
 * texture, and later frames put that texture back with one quad before drawing what moves. The
 * copy is of the final pixels, so the picture is exactly what drawing the layer gives.
 */
import {
  createContext,
  Fragment,
  useContext,
  useId,
  useLayoutEffect,
  useState,
  type ReactNode,
  type RefObject,
} from "react";
import { Canvas, createPortal, useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import { createStore, useStore, type StoreApi } from "zustand";
import { screenQuad } from "./screenQuad.ts";
import { usePictureScale } from "./picture/pixelRatio.ts";

interface Views {
  views: ReadonlyMap<string, ReactNode>;
}

const SharedContext = createContext<StoreApi<Views> | null>(null);

/** The canvas, behind `children`, filling the nearest positioned ancestor. */
export function SharedCanvas({ className, children }: { className?: string; children: ReactNode }) {
  const [store] = useState(() => createStore<Views>(() => ({ views: new Map() })));
  // One pixel per CSS pixel on screen; an exported picture at 2× asks for two while it is taken.
  const pictureScale = usePictureScale();
  return (
    <SharedContext.Provider value={store}>
      <Canvas
        className={className}
        frameloop="demand"
        dpr={pictureScale}
        gl={{ antialias: false, alpha: true, stencil: false, depth: false }}
        style={{ position: "absolute", inset: 0, pointerEvents: "none" }}
        aria-hidden="true"
      >
        <Ports store={store} />
      </Canvas>
      {children}
    </SharedContext.Provider>
  );
}

function Ports({ store }: { store: StoreApi<Views> }) {
  const views = useStore(store, (s) => s.views);
  return [...views].map(([id, node]) => <Fragment key={id}>{node}</Fragment>);
}

/**
 * Draws `children` (a three.js scene, which sets its own camera) into the shared canvas over the
 * element `track`. Inside a `SharedCanvas` only.
 */
export function SharedView({
  track,
  children,
}: {
  track: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const store = useContext(SharedContext);
  if (!store) throw new Error("SharedView must be inside a SharedCanvas");
  const id = useId();
  // Every render hands the canvas this view's latest scene.
  useLayoutEffect(() => {
    store.setState(({ views }) => ({
      views: new Map(views).set(id, <ViewPort track={track}>{children}</ViewPort>),
    }));
  });
  useLayoutEffect(
    () => () =>
      store.setState(({ views }) => {
        const next = new Map(views);
        next.delete(id);
        return { views: next };
      }),
    [store, id],
  );
  return null;
}

/**
 * A view's static layer: its own scene, and the texture its last drawing was copied into, put
 * back over the whole view by a quad, pixel for pixel, with no colour conversion. Three.js state
 * changed as the canvas draws, so it lives outside React.
 */
class Layer {
  readonly scene = new THREE.Scene();
  readonly quad = screenQuad(
    /* glsl */ `
      uniform sampler2D map;
      varying vec2 vUv;
      void main() {
        gl_FragColor = texture2D(map, vUv);
      }`,
    { uniforms: { map: { value: null } }, depthTest: false, depthWrite: false },
  );
  /** Whether a StaticLayer fills the scene. */
  private used = false;
  /** Whether `texture` holds the layer as it is now. */
  private valid = false;
  private texture: THREE.FramebufferTexture | null = null;

  constructor() {
    this.quad.visible = false;
  }

  /** The layer's content changed (or it has none any more, with `used` false). */
  changed(used: boolean): void {
    this.used = used;
    this.valid = false;
  }

  /**
   * Draws the layer into the view's rectangle (viewport and scissor already set): from its copy
   * when that is current, else drawn afresh and copied. Leaves the quad showing only when the
   * copy is to be put back by the scene's own drawing.
   */
  draw(gl: THREE.WebGLRenderer, camera: THREE.Camera, view: ViewRect): void {
    this.quad.visible = false;
    if (!this.used) return;
    const { left, bottom, width, height } = view;
    const texture = this.texture;
    const sized = texture?.image.width === width && texture.image.height === height;
    if (this.valid && sized) {
      this.quad.visible = true;
      return;
    }
    gl.render(this.scene, camera);
    // Copied only when the whole view is on the canvas.
    const canvas = gl.domElement;
    if (left < 0 || bottom < 0 || left + width > canvas.width || bottom + height > canvas.height) {
      return;
    }
    if (!sized || !texture) {
      texture?.dispose();
      this.texture = new THREE.FramebufferTexture(width, height);
      this.quad.material.uniforms.map!.value = this.texture;
    }
    gl.copyFramebufferToTexture(this.texture!, corner.set(left, bottom));
    this.valid = true;
  }

  dispose(): void {
    this.texture?.dispose();
    this.quad.geometry.dispose();
    this.quad.material.dispose();
  }
}

/** A view's rectangle in the drawing buffer's pixels, from its bottom-left corner. */
interface ViewRect {
  left: number;
  bottom: number;
  width: number;
  height: number;
}

const corner = new THREE.Vector2();

const LayerContext = createContext<Layer | null>(null);

/**
 * Children drawn once and then reused as pixels until this component renders again (any change
 * of what it draws must render it). Outside a shared view it simply draws its children.
 */
export function StaticLayer({ children }: { children: ReactNode }) {
  const layer = useContext(LayerContext);
  const invalidate = useThree((s) => s.invalidate);
  useLayoutEffect(() => {
    layer?.changed(true);
    invalidate();
  });
  useLayoutEffect(() => () => layer?.changed(false), [layer]);
  return layer ? createPortal(children, layer.scene) : <>{children}</>;
}

function ViewPort({
  track,
  children,
}: {
  track: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const [scene] = useState(() => new THREE.Scene());
  const [layer] = useState(() => new Layer());
  useLayoutEffect(() => {
    scene.add(layer.quad);
    return () => {
      scene.remove(layer.quad);
      layer.dispose();
    };
  }, [scene, layer]);
  return createPortal(
    <LayerContext.Provider value={layer}>
      <Draw track={track} layer={layer}>
        {children}
      </Draw>
    </LayerContext.Provider>,
    scene,
  );
}

/**
 * Draws the portal's scene, after every other frame callback, into the element's rectangle (in
 * whole pixels, so the static layer's copy lines up): first the static layer, drawn and copied
 * when it changed, else put back from its copy.
 */
function Draw({
  track,
  layer,
  children,
}: {
  track: RefObject<HTMLElement | null>;
  layer: Layer;
  children: ReactNode;
}) {
  useFrame(({ gl, scene, camera }) => {
    const element = track.current;
    if (!element) return;
    const canvas = gl.domElement.getBoundingClientRect();
    const rect = element.getBoundingClientRect();
    const left = Math.round(rect.left - canvas.left);
    const bottom = Math.round(canvas.bottom - rect.bottom);
    const width = Math.round(rect.width);
    const height = Math.round(rect.height);
    if (width <= 0 || height <= 0) return;
    if (left + width <= 0 || left >= canvas.width || bottom + height <= 0) return;
    if (bottom >= canvas.height) return;
    const autoClear = gl.autoClear;
    gl.autoClear = false;
    gl.setViewport(left, bottom, width, height);
    gl.setScissor(left, bottom, width, height);
    gl.setScissorTest(true);
    // The layer's copy is in the drawing buffer's pixels: more than CSS pixels in a 2× picture.
    const ratio = gl.getPixelRatio();
    layer.draw(gl, camera, {
      left: left * ratio,
      bottom: bottom * ratio,
      width: width * ratio,
      height: height * ratio,
    });
    gl.render(scene, camera);
    gl.setScissorTest(false);
    gl.autoClear = autoClear;
  }, 1);
  return <>{children}</>;
}
