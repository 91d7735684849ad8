/**
 * A run's per-step optimizer states (`RunResult.states`) packed into a few flat arrays, and
 * unpacked a slice at a time. A run of 100,000 Adam steps holds 100,000 small objects; copying
 * them between threads one object at a time costs more than computing them. Packed, they move as
 * typed arrays without a copy, and the reader rebuilds them in slices, so no slice takes long.
 *
 * Lossless for every state a rule records: numbers (NaN, ±Infinity and −0 included), arrays of
 * numbers of any length, booleans and strings.
 */
import type { OptimizerState } from "./types.ts";

/** The states of one run as flat arrays. */
export interface PackedStates {
  /** How many states. */
  count: number;
  /** Every key met, in order of first appearance. */
  keys: string[];
  /** Per state: how many entries it has; then per entry its key's index (and an array's length). */
  shape: Uint32Array;
  /** Per entry: what kind of value it holds (see `Tag`). */
  tags: Uint8Array;
  /** The numbers of every entry, in order: one for a number, `length` for an array. */
  numbers: Float64Array;
  /** Every string value, in order. */
  strings: string[];
}

/** What an entry holds. An array's length follows its key index in `shape`. */
const Tag = { Number: 0, Array: 1, True: 2, False: 3, String: 4 } as const;

/** Packs `states` (see `PackedStates`). */
export function packStates(states: readonly OptimizerState[]): PackedStates {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const shape: number[] = [];
  const tags: number[] = [];
  const numbers: number[] = [];
  const strings: string[] = [];
  for (const state of states) {
    const entries = Object.entries(state);
    shape.push(entries.length);
    for (const [key, value] of entries) {
      let index = keyIndex.get(key);
      if (index === undefined) {
        index = keys.length;
        keys.push(key);
        keyIndex.set(key, index);
      }
      shape.push(index);
      if (typeof value === "number") {
        tags.push(Tag.Number);
        numbers.push(value);
      } else if (Array.isArray(value)) {
        tags.push(Tag.Array);
        shape.push(value.length);
        for (const v of value) numbers.push(v);
      } else if (typeof value === "boolean") {
        tags.push(value ? Tag.True : Tag.False);
      } else {
        tags.push(Tag.String);
        strings.push(value);
      }
    }
  }
  return {
    count: states.length,
    keys,
    shape: Uint32Array.from(shape),
    tags: Uint8Array.from(tags),
    numbers: Float64Array.from(numbers),
    strings,
  };
}

/** The typed arrays of `packed`, to hand to another thread without a copy. */
export function packedStateBuffers(packed: PackedStates): ArrayBuffer[] {
  return [packed.shape.buffer, packed.tags.buffer, packed.numbers.buffer] as ArrayBuffer[];
}

/** Rebuilds packed states in order, a slice at a time (`read`), so a caller can pause between. */
export class StatesReader {
  private shapeAt = 0;
  private tagAt = 0;
  private numberAt = 0;
  private stringAt = 0;
  private readonly states: OptimizerState[] = [];

  constructor(private readonly packed: PackedStates) {}

  /** True when every state has been read. */
  get done(): boolean {
    return this.states.length >= this.packed.count;
  }

  /** Reads up to `count` more states. */
  read(count: number): void {
    const { keys, shape, tags, numbers, strings } = this.packed;
    const end = Math.min(this.packed.count, this.states.length + count);
    while (this.states.length < end) {
      const entries = shape[this.shapeAt++]!;
      const state: OptimizerState = {};
      for (let e = 0; e < entries; e++) {
        const key = keys[shape[this.shapeAt++]!]!;
        const tag = tags[this.tagAt++];
        if (tag === Tag.Number) state[key] = numbers[this.numberAt++]!;
        else if (tag === Tag.Array) {
          const length = shape[this.shapeAt++]!;
          state[key] = Array.from(numbers.subarray(this.numberAt, this.numberAt + length));
          this.numberAt += length;
        } else if (tag === Tag.String) state[key] = strings[this.stringAt++]!;
        else state[key] = tag === Tag.True;
      }
      this.states.push(state);
    }
  }

  /** The states read so far (all of them once `done`). */
  result(): OptimizerState[] {
    return this.states;
  }
}

/** Every state of `packed` at once. */
export function unpackStates(packed: PackedStates): OptimizerState[] {
  const reader = new StatesReader(packed);
  reader.read(packed.count);
  return reader.result();
}
