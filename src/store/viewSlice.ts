import type { Slice } from "./slice.ts";
import type { ViewSlice } from "./types.ts";
import type { OpenedDocument } from "./open.ts";

/** View toggles and the 3D camera. */
export const createViewSlice =
  (initial: OpenedDocument): Slice<ViewSlice> =>
  (set, get) => ({
    view: initial.view,
    camera: initial.camera,
    cameraVersion: 0,
    setView(patch) {
      set({ view: { ...get().view, ...patch } });
    },
    setCamera(camera) {
      set({ camera });
    },
  });
