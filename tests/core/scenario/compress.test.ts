import fc from "fast-check";
import lzString from "lz-string";
import { describe, expect, it } from "vitest";
import { packText, unpackText } from "../../../src/core/scenario/compress.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

/** The library's own decoder, the reference; it throws on some malformed inputs. */
function libraryUnpack(packed: string): string | null | "threw" {
  try {
    return lzString.decompressFromEncodedURIComponent(packed);
  } catch {
    return "threw";
  }
}

describe("packText / unpackText", () => {
  it("packs into the URL-safe alphabet and unpacks any text, surrogate halves included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const packed = packText(text);
        expect(packed).toMatch(/^[A-Za-z0-9+$-]*$/);
        expect(unpackText(packed, Infinity)).toEqual({ ok: true, text });
      }),
    );
  });

  it("agrees with the library's decoder on random input it decodes", () => {
    // A first code of 3 (first digit 48 or more) is not lz-string output; the library then
    // carries an undefined entry along, and this decoder calls it damaged instead.
    const digits = fc.string({
      unit: fc.constantFrom(...ALPHABET),
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(digits, (packed) => {
        fc.pre(ALPHABET.indexOf(packed[0]!) < 48);
        const mine = unpackText(packed, Infinity);
        const reference = libraryUnpack(packed);
        if (mine.ok) expect(reference).toBe(mine.text);
        // The library returns "" for input that ends before the end code; null when damaged.
        else expect(reference === null || reference === "" || reference === "threw").toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with the library's decoder on packed text with one character changed", () => {
    const mutated = fc
      .tuple(fc.string({ maxLength: 80 }), fc.nat(), fc.constantFrom(...ALPHABET))
      .map(([text, at, digit]) => {
        const packed = packText(text);
        const index = at % packed.length;
        return packed.slice(0, index) + digit + packed.slice(index + 1);
      });
    fc.assert(
      fc.property(mutated, (packed) => {
        fc.pre(ALPHABET.indexOf(packed[0]!) < 48);
        const mine = unpackText(packed, Infinity);
        if (mine.ok) expect(libraryUnpack(packed)).toBe(mine.text);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads a space as the + that a query string turned into one", () => {
    let n = 0;
    while (!packText(`{"step":${n}}`).includes("+")) n += 1;
    const text = `{"step":${n}}`;
    const packed = packText(text);
    expect(unpackText(packed.replace(/\+/g, " "), Infinity)).toEqual({ ok: true, text });
  });

  it("calls empty, foreign-character and cut-short input damaged", () => {
    expect(unpackText("", 100)).toEqual({ ok: false, reason: "damaged" });
    expect(unpackText("N4Ig%", 100)).toEqual({ ok: false, reason: "damaged" });
    expect(unpackText("<script>", 100)).toEqual({ ok: false, reason: "damaged" });
    const packed = packText(JSON.stringify({ a: [1, 2, 3], b: "some text to pack" }));
    expect(unpackText(packed.slice(0, packed.length - 3), 1000)).toEqual({
      ok: false,
      reason: "damaged",
    });
  });

  it("stops at maxLength characters: exactly enough passes, one fewer does not", () => {
    const text = "abc".repeat(40);
    expect(unpackText(packText(text), text.length)).toEqual({ ok: true, text });
    expect(unpackText(packText(text), text.length - 1)).toEqual({
      ok: false,
      reason: "too-large",
    });
  });

  it("stops a small input that would unpack to a hundred times its size", () => {
    // n repeats of one character pack to about sqrt(2n) codes: the dictionary grows a, aa, ...
    const bomb = packText("a".repeat(100_000));
    expect(bomb.length).toBeLessThan(1000);
    expect(unpackText(bomb, 20_000)).toEqual({ ok: false, reason: "too-large" });
  });
});
