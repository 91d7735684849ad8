import type { StateCreator } from "zustand";
import type { ExplorerState } from "./types.ts";

/** One slice of the explorer store. */
export type Slice<T> = StateCreator<ExplorerState, [], [], T>;
