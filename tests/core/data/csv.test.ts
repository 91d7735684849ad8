import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxCsvBytes, maxCsvRows, parseCsv, type CsvResult } from "../../../src/core/data/csv.ts";

/** The dataset of a successful parse; fails the test with the message otherwise. */
function parsed(result: CsvResult) {
  if (!result.ok) throw new Error(`expected a dataset, got: ${result.message}`);
  return result;
}

function refused(result: CsvResult): string {
  if (result.ok) throw new Error("expected the file to be refused");
  return result.message;
}

describe("reading two-column CSV", () => {
  it("reads a file without a header", () => {
    const { data, header, skipped } = parsed(parseCsv("1,2\n3,4.5\n-6,7e-1\n"));
    expect(header).toBeNull();
    expect(Array.from(data.xs)).toEqual([1, 3, -6]);
    expect(Array.from(data.ys)).toEqual([2, 4.5, 0.7]);
    expect(skipped).toEqual([]);
    expect(data.xLabel).toBe("x");
    expect(data.yLabel).toBe("y");
    expect(data.key).toBe("csv");
  });

  it("takes a first row with no number in it as the header and names the axes after it", () => {
    const { data, header } = parsed(parseCsv("horsepower,mpg\n130,18\n165,15\n"));
    expect(header).toEqual(["horsepower", "mpg"]);
    expect(data.xLabel).toBe("horsepower");
    expect(data.yLabel).toBe("mpg");
    expect(Array.from(data.xs)).toEqual([130, 165]);
  });

  it("names each bad row by its line in the file and skips it", () => {
    const text = [
      "x,y",
      "1,2",
      "",
      "3,abc",
      "4",
      "5,",
      "Infinity,1",
      "1e999,2",
      "0x10,3",
      "6,7",
    ].join("\n");
    const { data, skipped } = parsed(parseCsv(text));
    expect(Array.from(data.xs)).toEqual([1, 6]);
    expect(skipped).toEqual([
      { line: 4, reason: '"abc" is not a number' },
      { line: 5, reason: 'only one value ("4"); two columns, x and y, are needed' },
      { line: 6, reason: "the y value is missing" },
      { line: 7, reason: '"Infinity" is not a number' },
      { line: 8, reason: '"1e999" is too large' },
      { line: 9, reason: '"0x10" is not a number' },
    ]);
    expect(data.dropped).toBe(6);
    expect(data.note).toMatch(/6 rows skipped/);
  });

  it("counts lines across blank lines and Windows line ends, and skips blank lines silently", () => {
    const { data, skipped } = parsed(parseCsv("1,2\r\n\r\n   \r\n3,4\r\nbad,5\r\n6,7\r\n"));
    expect(Array.from(data.xs)).toEqual([1, 3, 6]);
    expect(Array.from(data.ys)).toEqual([2, 4, 7]);
    expect(skipped).toEqual([{ line: 5, reason: '"bad" is not a number' }]);
  });

  it("reads old Mac line ends and mixed ones", () => {
    expect(Array.from(parsed(parseCsv("1,2\r3,4\r5,6")).data.ys)).toEqual([2, 4, 6]);
    expect(Array.from(parsed(parseCsv("1,2\r\n3,4\n5,6\r7,8")).data.xs)).toEqual([1, 3, 5, 7]);
  });

  it("drops a UTF-8 byte order mark", () => {
    const { data, header } = parsed(parseCsv("\ufeffx,y\n1,2\n3,4"));
    expect(header).toEqual(["x", "y"]);
    expect(Array.from(data.xs)).toEqual([1, 3]);
    expect(Array.from(parsed(parseCsv("\ufeff1,2\n3,4")).data.xs)).toEqual([1, 3]);
  });

  it("reads quoted fields, including a quoted header and a quoted line break", () => {
    const { data, header, skipped } = parsed(
      parseCsv('"speed, km/h","time"\n"1.5","2"\n" 3 ",4\n"a\nb",5\n6,7'),
    );
    expect(header).toEqual(["speed, km/h", "time"]);
    expect(Array.from(data.xs)).toEqual([1.5, 3, 6]);
    // The quoted field spans lines 4 and 5; the row is named by its first line.
    expect(skipped).toEqual([{ line: 4, reason: '"a\\nb" is not a number' }]);
  });

  it("says where a quote is never closed", () => {
    const message = refused(parseCsv('1,2\n3,"4\n5,6\n7,8'));
    expect(message).toMatch(/only 1 usable row/);
    expect(message).toMatch(/line 2: a quoted field is never closed/);
  });

  it("ignores columns after the second and says so in the note", () => {
    const { data } = parsed(parseCsv("1,2,99\n3,4,98,97\n5,6"));
    expect(Array.from(data.xs)).toEqual([1, 3, 5]);
    expect(Array.from(data.ys)).toEqual([2, 4, 6]);
    expect(data.note).toMatch(/columns after the second ignored \(2 rows had them\)/);
    // A trailing delimiter alone is not an extra column.
    expect(parsed(parseCsv("1,2,\n3,4,")).data.note).not.toMatch(/ignored/);
  });

  it("detects semicolon and tab delimiters, and hints at decimal commas", () => {
    expect(Array.from(parsed(parseCsv("x;y\n1;2\n3;4")).data.ys)).toEqual([2, 4]);
    expect(Array.from(parsed(parseCsv("1\t2\n3\t4\n")).data.ys)).toEqual([2, 4]);
    const { skipped } = parsed(parseCsv("a;b\n1,5;2\n3;4\n5;6"));
    expect(skipped).toEqual([
      { line: 2, reason: '"1,5" is not a number (write decimals with a point)' },
    ]);
  });

  it("refuses fewer than two usable rows, with the reasons", () => {
    expect(refused(parseCsv("1,2"))).toMatch(/only 1 usable row; at least 2/);
    expect(refused(parseCsv("x,y\n"))).toMatch(/no usable rows/);
    const message = refused(parseCsv("a,b\n1,x\n2,y\n3,z\n4,w\n5,v"));
    expect(message).toMatch(/no usable rows/);
    expect(message).toMatch(/line 2: "x" is not a number; line 3: "y"/);
    expect(message).toMatch(/and 2 more/);
  });

  it("refuses empty input", () => {
    expect(refused(parseCsv(""))).toBe("the file is empty");
    expect(refused(parseCsv(" \n\t\r\n"))).toBe("the file is empty");
    expect(refused(parseCsv("\ufeff"))).toBe("the file is empty");
  });

  it("refuses a file over the size limit before parsing, naming the limit", () => {
    expect(maxCsvBytes).toBe(1_000_000);
    const big = "1,2\n".repeat(maxCsvBytes / 4 + 1);
    expect(refused(parseCsv(big))).toMatch(/larger than the limit of 1 MB \(1,000,000 bytes\)/);
    // Multi-byte characters count by their UTF-8 size: 400,000 "é" are 800,000 bytes, 334,000
    // "€" are 1,002,000 bytes.
    expect(refused(parseCsv("é".repeat(400_000)))).not.toMatch(/limit of 1 MB/);
    expect(refused(parseCsv("€".repeat(334_000)))).toMatch(/limit of 1 MB/);
  });

  it("refuses more rows than the limit, and accepts exactly the limit", () => {
    expect(maxCsvRows).toBe(10_000);
    expect(refused(parseCsv("1,2\n".repeat(maxCsvRows + 2)))).toMatch(
      /10,002 lines; the limit is 10,000 rows/,
    );
    expect(refused(parseCsv("1,2\n".repeat(maxCsvRows + 1)))).toMatch(
      /more than 10,000 rows of data/,
    );
    const atLimit = parsed(parseCsv("x,y\n" + "1,2\n".repeat(maxCsvRows)));
    expect(atLimit.data.xs.length).toBe(maxCsvRows);
  });

  it("turns binary-looking garbage into a refusal, not an exception", () => {
    const garbage = "\u0000\u0001\u0002\u00ff\ufffd,\u0007\n\u0000\ud800,\udfff\n\u001b[31m";
    const result = parseCsv(garbage);
    expect(result.ok).toBe(false);
    // Strings that are not text at all, from untyped callers.
    expect(parseCsv(undefined as unknown as string).ok).toBe(false);
    expect(parseCsv(42 as unknown as string).ok).toBe(false);
  });

  it("keeps control characters out of header labels", () => {
    const { header } = parsed(parseCsv("a\u0000b,c\u0007\n1,2\n3,4"));
    expect(header).toEqual(["ab", "c"]);
  });

  it("reads a long digit run quickly (no slow pattern matching)", () => {
    const start = performance.now();
    const result = parseCsv(`${"9".repeat(900_000)}x,1\n1,2\n3,4`);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(parsed(result).skipped[0]).toEqual({
      line: 1,
      reason: `"${"9".repeat(24)}…" is not a number`,
    });
  });
});

describe("properties", () => {
  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const result = parseCsv(text);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("1", "-2.5", "x", ",", ";", "\t", '"', "\n", "\r", " ", "e3"), {
          maxLength: 60,
        }),
        (parts) => {
          const result = parseCsv(parts.join(""));
          if (result.ok) {
            expect(result.data.xs.length).toBeGreaterThanOrEqual(2);
            expect(result.data.xs.every(Number.isFinite)).toBe(true);
            expect(result.data.ys.every(Number.isFinite)).toBe(true);
          } else {
            expect(result.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives back the numbers written, with or without a header", () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(finite, finite), { minLength: 2, maxLength: 30 }),
        fc.boolean(),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n"),
        (rows, withHeader, delimiter, lineEnd) => {
          const lines = rows.map(([x, y]) => `${x}${delimiter}${y}`);
          if (withHeader) lines.unshift(`a${delimiter}b`);
          const { data, header, skipped } = parsed(parseCsv(lines.join(lineEnd)));
          expect(skipped).toEqual([]);
          expect(header).toEqual(withHeader ? ["a", "b"] : null);
          // String(-0) is "0", so compare with == semantics for zeros.
          expect(Array.from(data.xs)).toEqual(rows.map(([x]) => (Object.is(x, -0) ? 0 : x)));
          expect(Array.from(data.ys)).toEqual(rows.map(([, y]) => (Object.is(y, -0) ? 0 : y)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
