import { useShallow } from "zustand/react/shallow";
import { compareGroup, useExplorerStore, type RunEntry } from "../../store/index.ts";

/** The variants of the comparison on screen, in panel order (empty without one). */
export function useCompareGroup(): RunEntry[] {
  return useExplorerStore(useShallow((s) => compareGroup(s)));
}
