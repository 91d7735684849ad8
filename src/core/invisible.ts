/**
 * Characters a person cannot see: zero-width characters and the controls that reorder the
 * text around them (a right-to-left override turns "x + 1" into what looks like "1 + x").
 * The parser refuses them by name, labels may not carry them, and messages that quote a
 * person's text show each as a visible mark, so no quoted text can reorder the message.
 */

/** Each invisible character's name, by code point. */
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x00ad, "soft hyphen"],
  [0x061c, "Arabic letter mark"],
  [0x180e, "Mongolian vowel separator"],
  [0x200b, "zero-width space"],
  [0x200c, "zero-width non-joiner"],
  [0x200d, "zero-width joiner"],
  [0x200e, "left-to-right mark"],
  [0x200f, "right-to-left mark"],
  [0x202a, "left-to-right embedding"],
  [0x202b, "right-to-left embedding"],
  [0x202c, "pop directional formatting"],
  [0x202d, "left-to-right override"],
  [0x202e, "right-to-left override"],
  [0x2060, "word joiner"],
  [0x2061, "function application"],
  [0x2062, "invisible times"],
  [0x2063, "invisible separator"],
  [0x2064, "invisible plus"],
  [0x2066, "left-to-right isolate"],
  [0x2067, "right-to-left isolate"],
  [0x2068, "first strong isolate"],
  [0x2069, "pop directional isolate"],
  [0xfeff, "zero-width no-break space (byte order mark)"],
]);

/** "U+202E". */
export function codePointText(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** The name of an invisible character ("right-to-left override"), or null for any other. */
export function invisibleName(codePoint: number): string | null {
  return NAMES.get(codePoint) ?? null;
}

/** The first invisible character in `text`, with where it is, or null. */
export function findInvisible(
  text: string,
): { index: number; codePoint: number; name: string } | null {
  for (let index = 0; index < text.length; index++) {
    const codePoint = text.charCodeAt(index);
    const name = NAMES.get(codePoint);
    if (name !== undefined) return { index, codePoint, name };
  }
  return null;
}

/** `text` with every invisible character shown as a mark naming it: "x⟨U+202E⟩ + y". */
export function showInvisibles(text: string): string {
  let shown = "";
  for (const c of text) {
    const codePoint = c.codePointAt(0) ?? 0;
    shown += NAMES.has(codePoint) ? `⟨${codePointText(codePoint)}⟩` : c;
  }
  return shown;
}

/** `text` with every invisible character left out (for names read from a file's header). */
export function withoutInvisibles(text: string): string {
  let kept = "";
  for (const c of text) if (!NAMES.has(c.codePointAt(0) ?? 0)) kept += c;
  return kept;
}
