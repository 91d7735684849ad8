/**
 * Commits a store change made by a pointer move everywhere before returning: the page's React
 * tree and every three.js scene. Each <Canvas> is a React root of its own, which would render
 * the change in a later task, after the next animation frame, and only then ask for a frame of
 * its own: a dragged path would appear two frames after the pointer moved. Committed here, the
 * frame the scenes ask for is the next one.
 */
import { flushSync as flushPage } from "react-dom";
import { flushSync as flushScenes } from "@react-three/fiber";

export function commitNow(change: () => void): void {
  flushScenes(() => flushPage(change));
}
