import { cleanup } from "@testing-library/react";
import { resetExplorer } from "../../src/store/index.ts";

/** Unmounts what a test rendered and puts the store and the playhead back to their start. */
export function resetAll(): void {
  cleanup();
  resetExplorer();
}
