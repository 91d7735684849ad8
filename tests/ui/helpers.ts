import { cleanup } from "@testing-library/react";
import { useExplorerStore } from "../../src/store/index.ts";
import { resetPlayhead } from "../../src/store/playhead.ts";

/** Unmounts what a test rendered and puts the store and the playhead back to their start. */
export function resetAll(): void {
  cleanup();
  useExplorerStore.setState(useExplorerStore.getInitialState(), true);
  resetPlayhead();
}
