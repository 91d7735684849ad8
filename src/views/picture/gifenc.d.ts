/**
 * The part of gifenc 1.0.3 that the movie encoder uses (./encodeMovie.ts); the package ships
 * JavaScript only. Signatures follow node_modules/gifenc/src/index.js, pnnquant2.js and
 * palettize.js.
 */
declare module "gifenc" {
  /** Colours as [r, g, b] bytes, or [r, g, b, a] for the "rgba4444" format. */
  export type Palette = number[][];

  export type PixelFormat = "rgb565" | "rgb444" | "rgba4444";

  /**
   * At most `maxColors` colours for the RGBA pixels `rgba`. Reads `rgba.buffer` as 32-bit
   * pixels, so `rgba` must start at byte 0 of its buffer and cover it (as `ImageData.data` does).
   */
  export function quantize(
    rgba: Uint8Array | Uint8ClampedArray,
    maxColors: number,
    options?: {
      format?: PixelFormat;
      oneBitAlpha?: boolean | number;
      clearAlpha?: boolean;
      clearAlphaThreshold?: number;
      clearAlphaColor?: number;
    },
  ): Palette;

  /** Each pixel's index of its nearest colour in `palette` (at most 256 colours). */
  export function applyPalette(
    rgba: Uint8Array | Uint8ClampedArray,
    palette: Palette,
    format?: PixelFormat,
  ): Uint8Array;

  export interface FrameOptions {
    /** Required on the first frame (it becomes the global colour table); later, a local table. */
    palette?: Palette;
    /** Milliseconds; written as hundredths of a second, rounded. */
    delay?: number;
    /** On the first frame: -1 plays once, 0 loops forever, n > 0 repeats n more times. */
    repeat?: number;
    transparent?: boolean;
    transparentIndex?: number;
    /** Disposal method 0-7; -1 leaves gifenc's default. */
    dispose?: number;
    /** Only when the encoder was made with `auto: false`. */
    first?: boolean;
    colorDepth?: number;
  }

  export interface GifEncoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    /** Writes the trailer; the file is complete after it. */
    finish(): void;
    /** A copy of the bytes written so far. */
    bytes(): Uint8Array<ArrayBuffer>;
  }

  /** With `auto` (the default) the header and screen descriptor come with the first frame. */
  export function GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): GifEncoder;
}
