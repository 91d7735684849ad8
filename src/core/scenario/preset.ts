/**
 * A preset: a named, one-click starting picture. Its picture is a scenario document like any
 * other, so a link, a file or the session can hold a preset unchanged, and a link to an
 * unchanged preset is just its id.
 */
import type { ScenarioDocument } from "./document.ts";

/** A named scenario document with what to notice in it. */
export interface Preset {
  /** Stable key, used in links (`?scenario=<id>`). */
  id: string;
  title: string;
  /** One line: what to notice. */
  explanation: string;
  document: ScenarioDocument;
}
