/**
 * A movie of the page's pictures, written frame by frame: an animated GIF (gifenc) or a WebM
 * video (mediabunny over the browser's WebCodecs encoder). The caller draws each frame when asked
 * and the movie gets it at its own time, i / fps, however long the drawing took: a software
 * renderer can need far longer than 1 / fps for a frame, and a capture in real time would drop
 * or stretch them.
 *
 * Each frame is copied onto a white canvas of the movie's own before it is encoded. A view's
 * canvas may be WebGL, which has no 2D pixels to read, and may be transparent where nothing is
 * drawn; neither GIF (as written here) nor VP8/VP9 keep alpha, and dropping it would turn those
 * parts black instead of the page's white.
 *
 * The UI loads this module with `import()`, so the two encoders stay out of the page's first
 * download.
 */
import { applyPalette, GIFEncoder, quantize } from "gifenc";
import {
  BufferTarget,
  CanvasSource,
  getFirstEncodableVideoCodec,
  Output,
  Quality,
  WebMOutputFormat,
  type VideoCodec,
} from "mediabunny";

export type MovieFormat = "webm" | "gif";

export interface MovieFrames {
  /** Number of frames. */
  count: number;
  /** Frames per second of the movie. */
  fps: number;
  /** Pixel size of every frame (all frames are this size). */
  width: number;
  height: number;
  /**
   * Draws frame `index` (0-based, called in order 0..count-1, each once) and returns a canvas of
   * exactly width x height holding it. May be async (the caller waits for the page to redraw).
   */
  frame(index: number): Promise<HTMLCanvasElement>;
}

export interface EncodeOptions {
  /** Aborting stops before the next frame, releases the encoder and rejects with an "AbortError". */
  signal?: AbortSignal;
  /** Called after each frame is encoded. */
  onProgress?: (done: number, total: number) => void;
}

/** VP9 first, for smaller files at the same picture; VP8 where a browser encodes only that. */
const WEBM_CODECS: VideoCodec[] = ["vp9", "vp8"];

/** Thin lines and small text on flat colour smear at the bitrates meant for camera footage. */
const WEBM_QUALITY = new Quality("high");

/** Whether this browser can write WebM (WebCodecs VideoEncoder with VP9 or VP8 at this size). */
export async function webmSupported(width: number, height: number): Promise<boolean> {
  checkSize(width, height);
  return (await webmCodec(width, height)) !== null;
}

/** The movie of `frames` as a GIF ("image/gif") or WebM ("video/webm") file. */
export async function encodeMovie(
  format: MovieFormat,
  frames: MovieFrames,
  options: EncodeOptions = {},
): Promise<Blob> {
  checkSize(frames.width, frames.height);
  if (!Number.isInteger(frames.count) || frames.count < 1) {
    throw new RangeError(
      `A movie needs a whole number of frames, at least one, not ${frames.count}`,
    );
  }
  if (!Number.isFinite(frames.fps) || frames.fps <= 0) {
    throw new RangeError(`A movie needs a positive frame rate, not ${frames.fps}`);
  }
  return format === "gif" ? encodeGif(frames, options) : encodeWebm(frames, options);
}

async function encodeGif(frames: MovieFrames, options: EncodeOptions): Promise<Blob> {
  const { width, height } = frames;
  // GIF sizes are 16-bit fields.
  if (width > 0xffff || height > 0xffff) {
    throw new RangeError(`A GIF is at most 65535 pixels a side, not ${width}x${height}`);
  }
  const flat = flatCanvas(width, height, true);
  const gif = GIFEncoder();
  // GIF keeps delays in hundredths of a second, so gifenc rounds this again: 30 fps plays at
  // 30 ms a frame, a little fast.
  const delay = Math.round(1000 / frames.fps);
  await eachFrame(frames, flat, options, () => {
    const { data } = flat.getImageData(0, 0, width, height);
    // A palette of each frame's own: the pictures are a few flat colours, and a colour that
    // appears only in a late frame (a run's marker reaching a new place) keeps its true value.
    // The first frame's palette becomes the global table, later ones local tables.
    const palette = quantize(data, 256);
    gif.writeFrame(applyPalette(data, palette), width, height, { palette, delay, repeat: 0 });
  });
  gif.finish();
  return new Blob([gif.bytes()], { type: "image/gif" });
}

async function encodeWebm(frames: MovieFrames, options: EncodeOptions): Promise<Blob> {
  const { width, height, fps } = frames;
  const codec = await webmCodec(width, height);
  if (!codec) {
    throw new Error(`This browser cannot encode VP9 or VP8 video at ${width}x${height}`);
  }
  // These codecs store colour per two by two pixels, and not every encoder takes an odd size
  // (Chromium's VP8 and VP9 do, its H.264 does not; hardware encoders vary). mediabunny makes a
  // size even only by rescaling the picture, so an odd width or height gets one more column or
  // row of white instead.
  const flat = flatCanvas(evenAbove(width), evenAbove(height), false);
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const source = new CanvasSource(flat.canvas, { codec, quality: WEBM_QUALITY });
  output.addVideoTrack(source, { frameRate: fps });
  try {
    await output.start();
    // Each frame at its own timestamp: the file has exactly `count` frames, evenly spaced.
    await eachFrame(frames, flat, options, (index) => source.add(index / fps, 1 / fps));
    await output.finalize();
  } catch (error) {
    // Cancelling closes the encoder, which otherwise holds its memory (and on some machines a
    // hardware encoder) until the page is closed. Its own failure would hide the first one.
    await output.cancel().catch(() => undefined);
    if (options.signal?.aborted) throw abortError();
    throw error;
  }
  const buffer = output.target.buffer;
  if (!buffer) throw new Error("The WebM encoder finished without a file");
  return new Blob([buffer], { type: "video/webm" });
}

/**
 * Draws each frame in order, copies it onto `flat` and hands it to `encode`. The page gets the
 * event loop back after every frame, so it can redraw a progress bar and take a click on cancel
 * between frames of a long movie.
 */
async function eachFrame(
  frames: MovieFrames,
  flat: CanvasRenderingContext2D,
  { signal, onProgress }: EncodeOptions,
  encode: (index: number) => void | Promise<void>,
): Promise<void> {
  const { count, width, height } = frames;
  for (let index = 0; index < count; index++) {
    throwIfAborted(signal);
    const picture = await frames.frame(index);
    throwIfAborted(signal);
    if (picture.width !== width || picture.height !== height) {
      throw new Error(
        `Frame ${index} is ${picture.width}x${picture.height}, not the movie's ${width}x${height}`,
      );
    }
    flat.fillStyle = "#ffffff";
    flat.fillRect(0, 0, flat.canvas.width, flat.canvas.height);
    flat.drawImage(picture, 0, 0);
    await encode(index);
    onProgress?.(index + 1, count);
    await nextTask();
  }
  throwIfAborted(signal);
}

/** A canvas of the movie's own; `readBack` when its pixels are read on the CPU every frame. */
function flatCanvas(width: number, height: number, readBack: boolean): CanvasRenderingContext2D {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d", { alpha: false, willReadFrequently: readBack });
  if (!context) throw new Error("This browser gave no 2D canvas to draw the movie's frames on");
  return context;
}

function webmCodec(width: number, height: number): Promise<VideoCodec | null> {
  return getFirstEncodableVideoCodec(WEBM_CODECS, {
    width: evenAbove(width),
    height: evenAbove(height),
    quality: WEBM_QUALITY,
  });
}

function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`A movie's frames need a whole number of pixels, not ${width}x${height}`);
  }
}

function evenAbove(size: number): number {
  return size + (size % 2);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

function abortError(): DOMException {
  return new DOMException("The movie was cancelled", "AbortError");
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
