/**
 * The movie readers the real-browser tests count frames with (tests/e2e/media.ts), checked on
 * files written here byte by byte from the GIF89a and Matroska specifications, and on a GIF from
 * gifenc itself. Every expected value is a number the test put into the file.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyPalette, GIFEncoder, quantize } from "gifenc";
import { gifFrames, webmFrames } from "../e2e/media.ts";

// ---------------------------------------------------------------------------------------------
// GIF, written by hand

const u16 = (value: number) => [value & 0xff, value >> 8];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Data sub-blocks of at most 255 bytes, then the empty block that ends them. */
function subBlocks(data: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 255) {
    const block = data.slice(i, i + 255);
    out.push(block.length, ...block);
  }
  return [...out, 0];
}

/**
 * LZW pixel data for a 4-colour image (minimum code size 2, so 3-bit codes: clear is 4, end 5),
 * with a clear code before every pixel: the code table never grows, so the codes stay 3 bits
 * and are easy to write by hand. Codes are packed from the low bit up.
 */
function lzwPixels(pixels: number[]): number[] {
  const codes = [...pixels.flatMap((pixel) => [4, pixel]), 5];
  const out: number[] = [];
  let bits = 0;
  let count = 0;
  for (const code of codes) {
    bits |= code << count;
    count += 3;
    while (count >= 8) {
      out.push(bits & 0xff);
      bits >>= 8;
      count -= 8;
    }
  }
  if (count > 0) out.push(bits & 0xff);
  return [2, ...subBlocks(out)];
}

const FOUR_COLOURS = [255, 255, 255, 255, 0, 0, 0, 128, 0, 0, 0, 255];

interface HandFrame {
  /** Hundredths of a second, or null for no graphic control extension. */
  delayCs: number | null;
  localTable: boolean;
  comment?: string;
}

function handGif(
  width: number,
  height: number,
  frames: HandFrame[],
  loop: "forever" | number | null,
): Uint8Array {
  const bytes = [...ascii("GIF89a"), ...u16(width), ...u16(height), 0xf1, 0, 0];
  bytes.push(...FOUR_COLOURS); // flags 0xf1: a global table of 2^(1+1) colours
  if (loop !== null) {
    const count = loop === "forever" ? 0 : loop;
    bytes.push(0x21, 0xff, 11, ...ascii("NETSCAPE2.0"), 3, 1, ...u16(count), 0);
  }
  frames.forEach((frame, i) => {
    if (frame.comment !== undefined) bytes.push(0x21, 0xfe, ...subBlocks(ascii(frame.comment)));
    if (frame.delayCs !== null) bytes.push(0x21, 0xf9, 4, 0, ...u16(frame.delayCs), 0, 0);
    bytes.push(0x2c, ...u16(0), ...u16(0), ...u16(width), ...u16(height));
    bytes.push(frame.localTable ? 0x81 : 0);
    if (frame.localTable) bytes.push(...FOUR_COLOURS);
    bytes.push(...lzwPixels(Array.from({ length: width * height }, (_, p) => (p + i) % 4)));
  });
  bytes.push(0x3b);
  return new Uint8Array(bytes);
}

describe("gifFrames", () => {
  it("reads a two-frame GIF written by hand", () => {
    const gif = handGif(
      3,
      2,
      [
        { delayCs: 7, localTable: false },
        { delayCs: 25, localTable: true, comment: "second frame" },
      ],
      "forever",
    );
    expect(gifFrames(gif)).toEqual({
      width: 3,
      height: 2,
      frames: 2,
      delaysMs: [70, 250],
      loops: true,
    });
  });

  it("gives no delay to a frame without a graphic control extension, and no loop without NETSCAPE2.0", () => {
    const gif = handGif(
      2,
      2,
      [
        { delayCs: 10, localTable: false },
        { delayCs: null, localTable: false },
      ],
      null,
    );
    expect(gifFrames(gif)).toMatchObject({ frames: 2, delaysMs: [100, 0], loops: false });
  });

  it("does not call a loop of three plays a loop forever", () => {
    const gif = handGif(1, 1, [{ delayCs: 5, localTable: false }], 3);
    expect(gifFrames(gif)).toMatchObject({ frames: 1, loops: false });
  });

  it("counts any frames, delays and colour tables written", () => {
    const frame = fc.record({
      delayCs: fc.option(fc.integer({ min: 0, max: 65535 })),
      localTable: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(frame, { minLength: 1, maxLength: 6 }),
        fc.constantFrom<"forever" | number | null>("forever", null, 1, 7),
        (width, height, frames, loop) => {
          expect(gifFrames(handGif(width, height, frames, loop))).toEqual({
            width,
            height,
            frames: frames.length,
            delaysMs: frames.map((f) => (f.delayCs ?? 0) * 10),
            loops: loop === "forever",
          });
        },
      ),
    );
  });

  it("refuses every truncation of a GIF", () => {
    const gif = handGif(
      3,
      2,
      [
        { delayCs: 7, localTable: true },
        { delayCs: 9, localTable: false },
      ],
      "forever",
    );
    for (let length = 0; length < gif.length; length++) {
      expect(() => gifFrames(gif.subarray(0, length)), `first ${length} bytes`).toThrow(/GIF/);
    }
  });

  it("refuses a file that is not a GIF, or a stray block", () => {
    expect(() => gifFrames(new Uint8Array(ascii("PNG89a......")))).toThrow(/Not a GIF/);
    const gif = handGif(1, 1, [{ delayCs: 5, localTable: false }], null);
    const stray = new Uint8Array([...gif.subarray(0, -1), 0x42, 0x3b]);
    expect(() => gifFrames(stray)).toThrow(/unexpected byte 0x42/);
  });

  it("refuses a frame that leaves the logical screen", () => {
    const gif = handGif(2, 2, [{ delayCs: 5, localTable: false }], null);
    const wide = Uint8Array.from(gif);
    // The image descriptor follows the 13-byte header and screen descriptor, the 12-byte colour
    // table and the 8-byte graphic control extension; its width is at offset 5 within it.
    const descriptor = 13 + 12 + 8;
    expect(wide[descriptor]).toBe(0x2c);
    wide[descriptor + 5] = 3;
    expect(() => gifFrames(wide)).toThrow(/leaves the 2x2 screen/);
  });
});

describe("gifFrames on gifenc's output", () => {
  /** A frame of solid colour, as RGBA bytes. */
  const solid = (width: number, height: number, rgb: [number, number, number]) => {
    const data = new Uint8Array(width * height * 4);
    for (let p = 0; p < width * height; p++) data.set([...rgb, 255], p * 4);
    return data;
  };

  function gifencMovie(delays: number[], repeat: number): Uint8Array {
    const gif = GIFEncoder();
    const colours: [number, number, number][] = [
      [255, 255, 255],
      [200, 30, 30],
      [30, 30, 200],
    ];
    delays.forEach((delay, i) => {
      const data = solid(5, 4, colours[i % colours.length]!);
      const palette = quantize(data, 256);
      gif.writeFrame(applyPalette(data, palette), 5, 4, { palette, delay, repeat });
    });
    gif.finish();
    return gif.bytes();
  }

  it("counts three frames and their delays, looping forever", () => {
    expect(gifFrames(gifencMovie([40, 100, 250], 0))).toEqual({
      width: 5,
      height: 4,
      frames: 3,
      delaysMs: [40, 100, 250],
      loops: true,
    });
  });

  it("sees no loop when gifenc is asked to play once", () => {
    expect(gifFrames(gifencMovie([40, 100, 250], -1))).toMatchObject({ frames: 3, loops: false });
  });
});

// ---------------------------------------------------------------------------------------------
// WebM, written by a tiny EBML writer

type Bytes = number[];

const idBytes = (id: number): Bytes => {
  const out: Bytes = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return out;
};

/** A size in the fewest bytes that hold it (a length of n bytes holds up to 2^(7n) - 2). */
function sizeBytes(size: number): Bytes {
  let length = 1;
  while (size > 2 ** (7 * length) - 2) length++;
  const out: Bytes = [];
  let v = size;
  for (let i = 0; i < length; i++) {
    out.unshift(v % 256);
    v = Math.floor(v / 256);
  }
  out[0]! |= 0x80 >> (length - 1);
  return out;
}

const el = (id: number, ...body: Bytes[]): Bytes => {
  const data = body.flat();
  return [...idBytes(id), ...sizeBytes(data.length), ...data];
};
/** An element of unknown size: one byte 0xff, or eight bytes 0x01 0xff ... 0xff. */
const unsized = (id: number, wide: boolean, ...body: Bytes[]): Bytes => [
  ...idBytes(id),
  ...(wide ? [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : [0xff]),
  ...body.flat(),
];
const uint = (id: number, value: number): Bytes => {
  const out: Bytes = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return el(id, out.length ? out : [0]);
};
const text = (id: number, value: string): Bytes => el(id, ascii(value));
const float = (id: number, value: number, width: 4 | 8): Bytes => {
  const view = new DataView(new ArrayBuffer(width));
  if (width === 4) view.setFloat32(0, value);
  else view.setFloat64(0, value);
  return el(id, [...new Uint8Array(view.buffer)]);
};

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TRACKS = 0x1654ae6b;
const CLUSTER = 0x1f43b675;
const CUES = 0x1c53bb6b;

const ebmlHeader = (docType = "webm") => el(EBML, uint(0x4286, 1), text(0x4282, docType));
const info = (scale: number | null, duration: { value: number; width: 4 | 8 } | null) =>
  el(
    INFO,
    scale === null ? [] : uint(0x2ad7b1, scale),
    duration === null ? [] : float(0x4489, duration.value, duration.width),
  );
const videoTrack = (number: number, codec: string, width: number, height: number) =>
  el(
    0xae,
    uint(0xd7, number),
    uint(0x83, 1),
    text(0x86, codec),
    el(0xe0, uint(0xb0, width), uint(0xba, height)),
  );
const audioTrack = (number: number) =>
  el(0xae, uint(0xd7, number), uint(0x83, 2), text(0x86, "A_OPUS"));
/** A block's body: track number, 16-bit relative timestamp, flags, then the frame's bytes. */
const blockBody = (track: number, time: number, flags: number, payload: Bytes) => [
  0x80 | track,
  time >> 8,
  time & 0xff,
  flags,
  ...payload,
];
const simpleBlock = (track: number, time: number) =>
  el(0xa3, blockBody(track, time, 0x80, [1, 2, 3, 4]));
const blockGroup = (track: number, time: number) =>
  el(0xa0, el(0xa1, blockBody(track, time, 0, [5, 6, 7])), uint(0x9b, 33));

const webm = (...parts: Bytes[]) => new Uint8Array(parts.flat());

describe("webmFrames", () => {
  // An audio track first, so the reader must pick the video track by its type.
  const tracks = el(TRACKS, audioTrack(1), videoTrack(2, "V_VP9", 320, 180));
  const sized = webm(
    ebmlHeader(),
    el(
      SEGMENT,
      info(1_000_000, { value: 2500, width: 8 }),
      tracks,
      el(
        CLUSTER,
        uint(0xe7, 0),
        simpleBlock(2, 0),
        simpleBlock(1, 0),
        simpleBlock(2, 33),
        blockGroup(2, 66),
        simpleBlock(1, 20),
        simpleBlock(2, 100),
      ),
      el(CLUSTER, uint(0xe7, 133), simpleBlock(2, 0), blockGroup(1, 0), simpleBlock(2, 33)),
      el(CUES, el(0xbb, uint(0xb3, 0))),
    ),
  );

  it("reads a WebM with sized elements written by hand", () => {
    // Video blocks written above: 3 simple and 1 in a group in the first cluster, 2 in the second.
    expect(webmFrames(sized)).toEqual({
      width: 320,
      height: 180,
      frames: 6,
      codec: "V_VP9",
      durationSeconds: 2.5,
    });
  });

  it("finds the ends of a Segment and Clusters of unknown size", () => {
    const file = webm(
      ebmlHeader(),
      unsized(
        SEGMENT,
        true,
        info(1000, { value: 500_000, width: 4 }),
        el(TRACKS, videoTrack(1, "V_VP8", 640, 360)),
        unsized(CLUSTER, false, uint(0xe7, 0), simpleBlock(1, 0), simpleBlock(1, 40)),
        unsized(CLUSTER, true, uint(0xe7, 80), blockGroup(1, 0), simpleBlock(1, 40)),
        // A Cues element ends the last cluster; its CuePoint (0xbb) must not count as a block.
        el(CUES, el(0xbb, uint(0xb3, 0))),
        unsized(CLUSTER, false, uint(0xe7, 160), simpleBlock(1, 0)),
      ),
    );
    // Timestamps in microseconds: a Duration of 500 000 is half a second.
    expect(webmFrames(file)).toEqual({
      width: 640,
      height: 360,
      frames: 5,
      codec: "V_VP8",
      durationSeconds: 0.5,
    });
  });

  it("has no duration without Info/Duration, and counts each frame of a laced block", () => {
    // Xiph lacing (flags 0x02): 3 frames, the count less one, then the first two frames' sizes.
    const laced = el(0xa3, blockBody(1, 0, 0x82, [2, 2, 3, 1, 1, 2, 2, 2, 3, 3, 3, 3]));
    const file = webm(
      ebmlHeader(),
      el(
        SEGMENT,
        info(null, null),
        el(TRACKS, videoTrack(1, "V_VP9", 16, 8)),
        el(CLUSTER, uint(0xe7, 0), laced, simpleBlock(1, 100)),
      ),
    );
    expect(webmFrames(file)).toMatchObject({ frames: 4, durationSeconds: null });
  });

  it("counts any blocks in any clusters, sized or not", () => {
    const cluster = fc.record({
      video: fc.array(fc.boolean(), { maxLength: 8 }), // true: a SimpleBlock, false: a BlockGroup
      audio: fc.nat(4),
      unknownSize: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(cluster, { maxLength: 5 }),
        fc.boolean(),
        (width, height, clusters, unknownSegment) => {
          const body = [
            info(1_000_000, null),
            el(TRACKS, videoTrack(3, "V_VP9", width, height), audioTrack(4)),
            ...clusters.map((c) => {
              const blocks = [
                uint(0xe7, 0),
                ...c.video.map((simple, i) => (simple ? simpleBlock(3, i) : blockGroup(3, i))),
                ...Array.from({ length: c.audio }, (_, i) => simpleBlock(4, i)),
              ];
              return c.unknownSize ? unsized(CLUSTER, false, ...blocks) : el(CLUSTER, ...blocks);
            }),
          ];
          const segment = unknownSegment ? unsized(SEGMENT, true, ...body) : el(SEGMENT, ...body);
          expect(webmFrames(webm(ebmlHeader(), segment))).toEqual({
            width,
            height,
            frames: clusters.reduce((sum, c) => sum + c.video.length, 0),
            codec: "V_VP9",
            durationSeconds: null,
          });
        },
      ),
    );
  });

  it("refuses every truncation of a file whose sizes are all known", () => {
    for (let length = 0; length < sized.length; length++) {
      expect(() => webmFrames(sized.subarray(0, length)), `first ${length} bytes`).toThrow(/WebM/);
    }
  });

  it("refuses an element larger than its parent, another DocType, or no video track", () => {
    const overrun = webm(
      ebmlHeader(),
      el(SEGMENT, el(TRACKS, [...idBytes(0xae), ...sizeBytes(50), 0xd7, 0x81, 1])),
    );
    expect(() => webmFrames(overrun)).toThrow(/runs past its parent's end/);
    expect(() => webmFrames(webm(ebmlHeader("avi"), el(SEGMENT)))).toThrow(/DocType is "avi"/);
    expect(() => webmFrames(webm(ebmlHeader(), el(SEGMENT, el(TRACKS, audioTrack(1)))))).toThrow(
      /no video track/,
    );
    expect(() => webmFrames(new Uint8Array(ascii("RIFF....WEBP")))).toThrow(/WebM/);
  });
});
