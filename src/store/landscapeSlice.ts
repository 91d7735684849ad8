import type { Slice } from "./slice.ts";
import type { LandscapeSlice } from "./types.ts";
import type { OpenedDocument } from "./open.ts";

/**
 * The cloud of random starts. What it computes (every start's path) is a job for the workers
 * (src/workers), not state: the store holds only what the document says.
 */
export const createLandscapeSlice =
  (initial: OpenedDocument): Slice<LandscapeSlice> =>
  (set) => ({
    cloud: initial.cloud,
    setCloud(cloud) {
      set({ cloud: cloud === null ? null : { ...cloud } });
    },
  });
