/**
 * Reads the movies the page writes (an animated GIF, a WebM video) far enough to count their
 * frames and read their size, timing and codec. Written from the formats' specifications and
 * sharing no code with the encoders (gifenc, mediabunny), so a test that counts frames with them
 * checks the encoders rather than repeating them.
 *
 * GIF: https://www.w3.org/Graphics/GIF/spec-gif89a.txt
 * EBML and Matroska: RFC 8794, RFC 9559 (WebM is Matroska with a smaller set of codecs).
 */

export interface GifSummary {
  /** The logical screen's size. */
  width: number;
  height: number;
  /** Image descriptors: the frames of an animation. */
  frames: number;
  /** Each frame's delay from its graphic control extension, in ms (0 when it has none). */
  delaysMs: number[];
  /** Whether a NETSCAPE2.0 application extension asks to loop forever (loop count 0). */
  loops: boolean;
}

/** Walks a GIF's blocks from header to trailer. Throws on anything out of place. */
export function gifFrames(bytes: Uint8Array): GifSummary {
  const read = new ByteReader(bytes, "GIF");
  const signature = read.ascii(6);
  if (signature !== "GIF89a" && signature !== "GIF87a") {
    throw new Error(`Not a GIF: it starts with ${JSON.stringify(signature)}`);
  }
  const width = read.u16le();
  const height = read.u16le();
  const screenFlags = read.u8();
  read.skip(2); // background colour index, pixel aspect ratio
  if (screenFlags & 0x80) read.skip(colourTableBytes(screenFlags));

  const delaysMs: number[] = [];
  let frames = 0;
  let loops = false;
  let pendingDelayMs = 0;
  for (;;) {
    const at = read.pos;
    const introducer = read.u8();
    if (introducer === 0x3b) break; // trailer
    if (introducer === 0x21) {
      const label = read.u8();
      if (label === 0xf9) {
        // Graphic control extension: it applies to the next image only.
        if (read.u8() !== 4)
          throw new Error(`GIF: graphic control extension at ${at} is not 4 bytes`);
        read.skip(1); // disposal, user input and transparency flags
        pendingDelayMs = read.u16le() * 10; // hundredths of a second
        read.skip(1); // transparent colour index
        if (read.u8() !== 0) throw new Error(`GIF: graphic control extension at ${at} not closed`);
      } else if (label === 0xff) {
        const blocks = subBlocks(read);
        const app = blocks[0];
        if (!app || app.length !== 11) {
          throw new Error(`GIF: application extension at ${at} has no 11-byte identifier`);
        }
        const name = String.fromCharCode(...app);
        const loop = blocks[1];
        if (name === "NETSCAPE2.0" && loop && loop.length === 3 && loop[0] === 1) {
          loops = loop[1] === 0 && loop[2] === 0;
        }
      } else {
        subBlocks(read); // comment, plain text or any other extension
      }
    } else if (introducer === 0x2c) {
      const left = read.u16le();
      const top = read.u16le();
      const imageWidth = read.u16le();
      const imageHeight = read.u16le();
      if (left + imageWidth > width || top + imageHeight > height) {
        throw new Error(
          `GIF: image ${frames} (${imageWidth}x${imageHeight} at ${left},${top}) leaves the ${width}x${height} screen`,
        );
      }
      const imageFlags = read.u8();
      if (imageFlags & 0x80) read.skip(colourTableBytes(imageFlags));
      const codeSize = read.u8();
      if (codeSize < 2 || codeSize > 8) {
        throw new Error(`GIF: image ${frames} has LZW minimum code size ${codeSize}, not 2 to 8`);
      }
      if (subBlocks(read).length === 0) throw new Error(`GIF: image ${frames} has no pixel data`);
      frames++;
      delaysMs.push(pendingDelayMs);
      pendingDelayMs = 0;
    } else {
      throw new Error(`GIF: unexpected byte 0x${introducer.toString(16)} at ${at}`);
    }
  }
  return { width, height, frames, delaysMs, loops };
}

/** Bytes of the colour table announced by a screen or image descriptor's flags. */
function colourTableBytes(flags: number): number {
  return 3 * 2 ** ((flags & 0x07) + 1);
}

/** Data sub-blocks (a length byte, then that many bytes) up to the empty one that ends them. */
function subBlocks(read: ByteReader): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let size = read.u8(); size !== 0; size = read.u8()) blocks.push(read.bytes(size));
  return blocks;
}

export interface WebmSummary {
  /** The first video track's PixelWidth and PixelHeight. */
  width: number;
  height: number;
  /** Frames of that track: SimpleBlocks and BlockGroup Blocks in Clusters, laced frames each. */
  frames: number;
  /** Its CodecID, such as "V_VP9". */
  codec: string;
  /** Info/Duration in seconds (scaled by TimestampScale), or null when the file has none. */
  durationSeconds: number | null;
}

const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  cluster: 0x1f43b675,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  cues: 0x1c53bb6b,
  chapters: 0x1043a770,
  tags: 0x1254c367,
  attachments: 0x1941a469,
} as const;

/** Children of a Segment: where a Cluster of unknown size ends, the next of these begins. */
const SEGMENT_CHILDREN = new Set<number>([
  ID.seekHead,
  ID.info,
  ID.tracks,
  ID.cluster,
  ID.cues,
  ID.chapters,
  ID.tags,
  ID.attachments,
]);

interface Element {
  id: number;
  /** Where the element's header starts. */
  start: number;
  /** Where its data starts and ends; `end` is the parent's end when the size is unknown. */
  dataStart: number;
  end: number;
  unknownSize: boolean;
}

/** Walks a WebM file's EBML elements down to the blocks of its clusters. */
export function webmFrames(bytes: Uint8Array): WebmSummary {
  const read = new ByteReader(bytes, "WebM");
  const header = readElement(read, bytes.length);
  if (header.id !== ID.ebml)
    throw new Error("Not a WebM file: it does not start with an EBML header");
  let docType = "";
  for (const child of children(read, header)) {
    if (child.id === ID.docType)
      docType = read.at(child.dataStart).ascii(child.end - child.dataStart);
  }
  docType = docType.replace(/\0+$/, "");
  if (docType !== "webm" && docType !== "matroska") {
    throw new Error(`WebM: the EBML header's DocType is ${JSON.stringify(docType)}`);
  }

  let segment: Element | undefined;
  while (read.pos < bytes.length && !segment) {
    const element = readElement(read, bytes.length);
    if (element.id === ID.segment) segment = element;
    else read.at(element.end);
  }
  if (!segment) throw new Error("WebM: no Segment");

  let timestampScale = 1_000_000;
  let duration: number | null = null;
  const tracks: { number: number; type: number; codec: string; width: number; height: number }[] =
    [];
  const framesByTrack = new Map<number, number>();
  const countBlock = (element: Element) => {
    read.at(element.dataStart);
    const track = read.vint().value;
    read.skip(2); // timestamp relative to the cluster
    const flags = read.u8();
    // Lacing (flag bits 1-2) packs several frames in one block, the count less one next.
    const laced = (flags & 0x06) !== 0 ? read.u8() + 1 : 1;
    if (read.pos > element.end) {
      throw new Error(`WebM: block at ${element.start} is shorter than its header`);
    }
    framesByTrack.set(track, (framesByTrack.get(track) ?? 0) + laced);
  };

  for (const top of children(read, segment)) {
    if (top.id === ID.info) {
      for (const field of children(read, top)) {
        if (field.id === ID.timestampScale) timestampScale = readUint(read, field);
        if (field.id === ID.duration) duration = readFloat(read, field);
      }
    } else if (top.id === ID.tracks) {
      for (const entry of children(read, top)) {
        if (entry.id !== ID.trackEntry) continue;
        const track = { number: 0, type: 0, codec: "", width: 0, height: 0 };
        for (const field of children(read, entry)) {
          if (field.id === ID.trackNumber) track.number = readUint(read, field);
          if (field.id === ID.trackType) track.type = readUint(read, field);
          if (field.id === ID.codecId) {
            track.codec = read.at(field.dataStart).ascii(field.end - field.dataStart);
          }
          if (field.id === ID.video) {
            for (const size of children(read, field)) {
              if (size.id === ID.pixelWidth) track.width = readUint(read, size);
              if (size.id === ID.pixelHeight) track.height = readUint(read, size);
            }
          }
        }
        tracks.push(track);
      }
    } else if (top.id === ID.cluster) {
      for (const part of children(read, top, SEGMENT_CHILDREN)) {
        if (part.id === ID.simpleBlock) countBlock(part);
        if (part.id === ID.blockGroup) {
          for (const inner of children(read, part)) if (inner.id === ID.block) countBlock(inner);
        }
      }
    }
  }

  const video = tracks.find((track) => track.type === 1);
  if (!video) throw new Error("WebM: no video track");
  return {
    width: video.width,
    height: video.height,
    frames: framesByTrack.get(video.number) ?? 0,
    codec: video.codec.replace(/\0+$/, ""),
    durationSeconds: duration === null ? null : (duration * timestampScale) / 1e9,
  };
}

/**
 * The children of `parent`, in order. A child of unknown size (only a Segment's Clusters have
 * one here) ends where the next element that is not its own child begins: one in `endsAt`.
 * Iterating leaves the reader after the parent.
 */
function* children(
  read: ByteReader,
  parent: Element,
  endsAt: ReadonlySet<number> = new Set(),
): Generator<Element> {
  read.at(parent.dataStart);
  while (read.pos < parent.end) {
    const at = read.pos;
    const peek = readId(read);
    read.at(at);
    if (endsAt.has(peek)) {
      if (!parent.unknownSize) {
        throw new Error(`WebM: element 0x${peek.toString(16)} at ${at} inside a sized element`);
      }
      parent.end = at;
      break;
    }
    const child = readElement(read, parent.end);
    // A child of unknown size learns where it ends while the caller walks its children.
    yield child;
    read.at(child.end);
  }
  read.at(parent.end);
}

function readElement(read: ByteReader, parentEnd: number): Element {
  const start = read.pos;
  const id = readId(read);
  const size = read.vint();
  const dataStart = read.pos;
  if (size.unknown) {
    if (id !== ID.segment && id !== ID.cluster) {
      throw new Error(`WebM: element 0x${id.toString(16)} at ${start} has an unknown size`);
    }
    return { id, start, dataStart, end: parentEnd, unknownSize: true };
  }
  const end = dataStart + size.value;
  if (end > parentEnd) {
    throw new Error(
      `WebM: element 0x${id.toString(16)} at ${start} (${size.value} bytes) runs past its parent's end at ${parentEnd}`,
    );
  }
  return { id, start, dataStart, end, unknownSize: false };
}

/** An element ID: a variable-length integer of 1 to 4 bytes, kept with its length marker. */
function readId(read: ByteReader): number {
  const at = read.pos;
  const first = read.u8();
  const length = vintLength(first);
  if (length > 4) throw new Error(`WebM: invalid element ID byte 0x${first.toString(16)} at ${at}`);
  let id = first;
  for (let i = 1; i < length; i++) id = id * 256 + read.u8();
  return id;
}

function readUint(read: ByteReader, element: Element): number {
  const length = element.end - element.dataStart;
  if (length > 7) throw new Error(`WebM: unsigned integer of ${length} bytes at ${element.start}`);
  read.at(element.dataStart);
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + read.u8();
  return value;
}

function readFloat(read: ByteReader, element: Element): number {
  const length = element.end - element.dataStart;
  const data = read.at(element.dataStart).bytes(length);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (length === 0) return 0;
  if (length === 4) return view.getFloat32(0);
  if (length === 8) return view.getFloat64(0);
  throw new Error(`WebM: float of ${length} bytes at ${element.start}`);
}

/** Bytes in a variable-length integer: one more than the zero bits before the first one. */
function vintLength(first: number): number {
  if (first === 0) return 9;
  return Math.clz32(first) - 23;
}

/** Reads forward through `bytes`, throwing a clear error at the end instead of reading zeros. */
class ByteReader {
  pos = 0;
  constructor(
    private readonly data: Uint8Array,
    private readonly format: string,
  ) {}

  at(pos: number): this {
    if (pos > this.data.length) this.fail(pos);
    this.pos = pos;
    return this;
  }

  skip(count: number): void {
    this.at(this.pos + count);
  }

  u8(): number {
    const value = this.data[this.pos];
    if (value === undefined) this.fail(this.pos + 1);
    this.pos++;
    return value;
  }

  u16le(): number {
    return this.u8() | (this.u8() << 8);
  }

  bytes(count: number): Uint8Array {
    const start = this.pos;
    this.skip(count);
    return this.data.subarray(start, start + count);
  }

  ascii(count: number): string {
    return String.fromCharCode(...this.bytes(count));
  }

  /** A size: a variable-length integer of 1 to 8 bytes; all value bits set means unknown. */
  vint(): { value: number; unknown: boolean } {
    const at = this.pos;
    const first = this.u8();
    const length = vintLength(first);
    if (length > 8) throw new Error(`${this.format}: invalid size byte 0 at ${at}`);
    const marker = 0x80 >> (length - 1);
    let value = first & (marker - 1);
    let allOnes = value === marker - 1;
    for (let i = 1; i < length; i++) {
      const byte = this.u8();
      allOnes &&= byte === 0xff;
      value = value * 256 + byte;
    }
    if (!allOnes && value > Number.MAX_SAFE_INTEGER) {
      throw new Error(`${this.format}: size at ${at} is too large`);
    }
    return { value, unknown: allOnes };
  }

  private fail(needed: number): never {
    throw new Error(
      `${this.format} ends early: byte ${needed - 1} is past the end of ${this.data.length} bytes`,
    );
  }
}
