/**
 * The one place the command line meets the link codec: `readLink` from
 * src/core/scenario/link.ts with the presets of src/core/scenario/presets.ts, so a link opens
 * the same document here as in the page.
 *
 * The two modules are loaded by address when a link is read, and a build without them still
 * reads files: `loadLinkReader` then answers null and `--scenario` says links cannot be read.
 * Once both modules are in every build, static imports replace the loading by address:
 *
 *   import { readLink } from "../core/scenario/link.ts";
 *   import { DEFAULT_PRESET_ID, presets } from "../core/scenario/presets.ts";
 *   const reader: LinkReader = (search) =>
 *     readLink(search, { presets, defaultPresetId: DEFAULT_PRESET_ID });
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ScenarioDocument } from "../core/scenario/document.ts";

/** What reading a link gives: the document, the preset it names (if any), and its problems. */
export interface LinkReading {
  document: ScenarioDocument;
  presetId: string | null;
  /** One message per bad parameter; the command line refuses a link with any. */
  messages: string[];
}

/** Reads a link's query (with or without "?") into a document. */
export type LinkReader = (search: string) => LinkReading;

/** The codec's API, as src/core/scenario/link.ts and presets.ts export it. */
interface LinkModule {
  readLink(
    search: string,
    options: { presets: readonly unknown[]; defaultPresetId: string },
  ): LinkReading;
}
interface PresetsModule {
  presets: readonly unknown[];
  DEFAULT_PRESET_ID: string;
}

const linkModule = new URL("../core/scenario/link.ts", import.meta.url);
const presetsModule = new URL("../core/scenario/presets.ts", import.meta.url);

/** The link reader over the codec and the presets, or null in a build that has not got them. */
export async function loadLinkReader(): Promise<LinkReader | null> {
  if (!existsSync(fileURLToPath(linkModule)) || !existsSync(fileURLToPath(presetsModule))) {
    return null;
  }
  const { readLink } = (await import(linkModule.href)) as LinkModule;
  const { presets, DEFAULT_PRESET_ID } = (await import(presetsModule.href)) as PresetsModule;
  return (search) => readLink(search, { presets, defaultPresetId: DEFAULT_PRESET_ID });
}
