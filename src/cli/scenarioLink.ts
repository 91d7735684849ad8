/**
 * The one place the command line meets the link codec: `readLink` with the presets and lessons,
 * so a link opens the same document here as in the page.
 */
import { readLink, type LinkReading } from "../core/scenario/link.ts";
import { DEFAULT_PRESET_ID, presets } from "../core/scenario/presets.ts";
import { lessons } from "../core/lessons/lessons.ts";

export type { LinkReading } from "../core/scenario/link.ts";

/** Reads a link's query (with or without "?") into a document. */
export type LinkReader = (search: string) => LinkReading;

/** The link reader over the codec and the presets. */
export const linkReader: LinkReader = (search) =>
  readLink(search, { presets, defaultPresetId: DEFAULT_PRESET_ID, lessons });
