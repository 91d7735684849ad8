/**
 * Frame accounting and screen projectors, read by real-browser tests and the browser benchmark
 * through the test hook that test builds install (src/testHook.ts). Nothing here affects what is
 * drawn, except `reuseStill`, which a test turns off to compare the picture a reused still layer
 * gives (./stillLayer.tsx) with the picture of everything drawn afresh.
 */

export const renderStats = {
  /** Frames actually rendered by any canvas since the page loaded (idle must add none). */
  frames: 0,
  /** Times a still layer was drawn afresh into its copy. */
  stillDraws: 0,
  /** Whether still layers put their copy back; false draws them afresh on every frame. */
  reuseStill: true,
};

/** Where a math point (x, y) appears on screen, in client (CSS pixel) coordinates. */
export type Projector = (x: number, y: number) => { clientX: number; clientY: number };

export type ProjectorName = "contour" | "surface";

const projectors = new Map<ProjectorName, Projector>();

/** A view registers how to find a math point on its canvas; null removes it on unmount. */
export function registerProjector(name: ProjectorName, fn: Projector | null): void {
  if (fn) projectors.set(name, fn);
  else projectors.delete(name);
}

/** The projector a view registered, if it is mounted. */
export function getProjector(name: ProjectorName): Projector | undefined {
  return projectors.get(name);
}
