/**
 * Compact, URL-safe text for the one packed parameter of a link. Packing is lz-string's
 * `compressToEncodedURIComponent`; unpacking is lz-string's own algorithm again, written out
 * here so that it can stop: a few thousand characters of LZ codes can unpack to hundreds of
 * megabytes (each code may repeat the longest entry so far plus one character), and a link
 * comes from anyone. The library's decoder has no limit and throws on some malformed inputs.
 */
// The package is CommonJS: node's ES-module loader sees only its default export.
import lzString from "lz-string";

/** The URL-safe alphabet of lz-string: 6 bits per character. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";
const VALUE_OF = new Map<string, number>(Array.from(ALPHABET, (char, index) => [char, index]));

/**
 * Packs text into lz-string's URL-safe form (`[A-Za-z0-9+$-]*`). The characters may stand in
 * a query string as they are; a `+` read back as a space is undone by `unpackText`.
 */
export function packText(text: string): string {
  return lzString.compressToEncodedURIComponent(text);
}

/** What unpacking gives: the text, or why there is none. */
export type Unpacked = { ok: true; text: string } | { ok: false; reason: "damaged" | "too-large" };

/**
 * Unpacks `packText` output, refusing to produce more than `maxLength` characters.
 *
 * lz-string's format, read least significant bit first from 6-bit digits: a code of `numBits`
 * bits (starting at 2, growing by one each time the dictionary size passes a power of two)
 * is 0 (an 8-bit character follows), 1 (a 16-bit character follows), 2 (end) or the index of a
 * dictionary entry; every code after the first adds `previous + entry[0]` to the dictionary,
 * and the one index not yet in it means `previous + previous[0]`. Anything else, a character
 * outside the alphabet, or input that ends before the end code, is "damaged". Output equals
 * lz-string's `decompressFromEncodedURIComponent` on every input that library unpacks.
 */
export function unpackText(packed: string, maxLength: number): Unpacked {
  const damaged: Unpacked = { ok: false, reason: "damaged" };
  if (packed.length === 0) return damaged;
  const digits = new Uint8Array(packed.length);
  for (let i = 0; i < packed.length; i += 1) {
    // A "+" in a query string reads back as a space.
    const char = packed[i] === " " ? "+" : packed[i]!;
    const value = VALUE_OF.get(char);
    if (value === undefined) return damaged;
    digits[i] = value;
  }

  let current = digits[0]!;
  let position = 32;
  let index = 1;
  const readBits = (count: number): number => {
    let bits = 0;
    for (let k = 0; k < count; k += 1) {
      if ((current & position) !== 0) bits += 2 ** k;
      position >>= 1;
      if (position === 0) {
        position = 32;
        // Past the end the library reads zeros; the end check below catches a cut-short input.
        current = digits[index] ?? 0;
        index += 1;
      }
    }
    return bits;
  };

  const dictionary: string[] = ["", "", ""];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const first = readBits(2);
  if (first === 2) return { ok: true, text: "" };
  if (first === 3) return damaged;
  let previous = String.fromCharCode(readBits(first === 0 ? 8 : 16));
  dictionary[3] = previous;
  const parts = [previous];
  let length = previous.length;

  for (;;) {
    if (index > packed.length) return damaged;
    let code = readBits(numBits);
    if (code === 2) return { ok: true, text: parts.join("") };
    if (code === 0 || code === 1) {
      dictionary[dictSize] = String.fromCharCode(readBits(code === 0 ? 8 : 16));
      dictSize += 1;
      code = dictSize - 1;
      enlargeIn -= 1;
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits += 1;
    }
    let entry = dictionary[code];
    if (entry === undefined) {
      if (code !== dictSize) return damaged;
      entry = previous + previous.charAt(0);
    }
    length += entry.length;
    if (length > maxLength) return { ok: false, reason: "too-large" };
    parts.push(entry);
    dictionary[dictSize] = previous + entry.charAt(0);
    dictSize += 1;
    enlargeIn -= 1;
    previous = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits += 1;
    }
  }
}
