import type { ScenarioDocument } from "./document.ts";

/** A named, one-click scenario: what to notice, and the document it opens. */
export interface Preset {
  /** Stable key, used in links (`?scenario=<id>`). */
  id: string;
  title: string;
  /** One line: what to notice. */
  explanation: string;
  document: ScenarioDocument;
}
