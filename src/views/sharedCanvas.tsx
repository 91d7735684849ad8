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
import { Canvas, createPortal, useFrame } from "@react-three/fiber";
import * as THREE from "three";
import { createStore, useStore, type StoreApi } from "zustand";

interface Views {
  views: ReadonlyMap<string, ReactNode>;
}

const SharedContext = createContext<StoreApi<Views> | null>(null);

/** The canvas, behind `children`, filling the nearest positioned ancestor. */
export function SharedCanvas({ className, children }: { className?: string; children: ReactNode }) {
  const [store] = useState(() => createStore<Views>(() => ({ views: new Map() })));
  return (
    <SharedContext.Provider value={store}>
      <Canvas
        className={className}
        frameloop="demand"
        dpr={1}
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

function ViewPort({
  track,
  children,
}: {
  track: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const [scene] = useState(() => new THREE.Scene());
  return createPortal(<Draw track={track}>{children}</Draw>, scene);
}

/** Draws the portal's scene, after every other frame callback, into the element's rectangle. */
function Draw({ track, children }: { track: RefObject<HTMLElement | null>; children: ReactNode }) {
  useFrame(({ gl, scene, camera }) => {
    const element = track.current;
    if (!element) return;
    const canvas = gl.domElement.getBoundingClientRect();
    const rect = element.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) return;
    if (rect.right <= canvas.left || rect.left >= canvas.right) return;
    if (rect.bottom <= canvas.top || rect.top >= canvas.bottom) return;
    const left = rect.left - canvas.left;
    const bottom = canvas.bottom - rect.bottom;
    const autoClear = gl.autoClear;
    gl.autoClear = false;
    gl.setViewport(left, bottom, rect.width, rect.height);
    gl.setScissor(left, bottom, rect.width, rect.height);
    gl.setScissorTest(true);
    gl.render(scene, camera);
    gl.setScissorTest(false);
    gl.autoClear = autoClear;
  }, 1);
  return <>{children}</>;
}
