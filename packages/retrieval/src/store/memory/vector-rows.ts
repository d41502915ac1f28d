/**
 * Embeddings as rows of one contiguous block of WebAssembly memory, scored against a query by the SIMD kernels of
 * `wasm-kernels.ts` in one call. Layout: the query (one padded row), then the rows, then one float32 score per row.
 * Growing keeps the rows where they are (memory grows at the end) and moves only the score area behind them.
 * @module
 */
import { createKernels, type Kernels, strideAlignment } from "./wasm-kernels.js";

/** `float32` rows are exact; `int8` rows keep one scale per row and a quarter of the memory. */
export type RowFormat = "float32" | "int8";

const pageBytes = 65_536;

/** Fixed-dimension rows, addressed by slot (0, 1, 2, …). */
export class VectorRows {
  readonly stride: number;
  readonly #kernels: Kernels;
  readonly #rowsAt: number;
  #capacity = 0;
  #scoresAt = 0;
  /** int8: the factor that turns a row's stored integers back into its values. */
  #scales = new Float32Array(0);

  constructor(
    readonly format: RowFormat,
    readonly dimension: number,
  ) {
    const bytes = format === "int8" ? dimension : dimension * 4;
    this.stride = Math.ceil(bytes / strideAlignment) * strideAlignment;
    this.#rowsAt = this.stride;
    this.#kernels = createKernels(1);
    this.#reserve(16);
  }

  /** Bytes held in WebAssembly memory. */
  get byteLength(): number {
    return this.#kernels.memory.buffer.byteLength;
  }

  /** Stores `values` in `slot` (which must be below the capacity reserved with `ensure`). */
  set(slot: number, values: ArrayLike<number>): void {
    this.ensure(slot + 1);
    const at = this.#rowsAt + slot * this.stride;
    if (this.format === "float32") {
      const row = new Float32Array(this.#kernels.memory.buffer, at, this.dimension);
      row.set(values);
      return;
    }
    const row = new Int8Array(this.#kernels.memory.buffer, at, this.dimension);
    this.#scales[slot] = quantize(values, row);
  }

  /** The values in `slot` (int8: scaled back). */
  get(slot: number): number[] {
    const at = this.#rowsAt + slot * this.stride;
    if (this.format === "float32") return Array.from(new Float32Array(this.#kernels.memory.buffer, at, this.dimension));
    const scale = this.#scales[slot] as number;
    return Array.from(new Int8Array(this.#kernels.memory.buffer, at, this.dimension), (value) => value * scale);
  }

  /** Copies row `from` over row `to` (compaction). */
  move(from: number, to: number): void {
    const bytes = new Uint8Array(this.#kernels.memory.buffer);
    bytes.copyWithin(
      this.#rowsAt + to * this.stride,
      this.#rowsAt + from * this.stride,
      this.#rowsAt + (from + 1) * this.stride,
    );
    this.#scales[to] = this.#scales[from] as number;
  }

  /** Makes room for `rows` rows. */
  ensure(rows: number): void {
    if (rows > this.#capacity) this.#reserve(Math.max(rows, this.#capacity * 2));
  }

  /**
   * The dot product of `query` with rows `0..count-1`, as a view of the score area (valid until the next call that
   * grows the rows).
   */
  dot(query: ArrayLike<number>, count: number): Float32Array {
    const memory = this.#kernels.memory;
    if (this.format === "float32") {
      new Float32Array(memory.buffer, 0, this.stride / 4).fill(0).set(query);
      this.#kernels.dotF32(this.#rowsAt, 0, this.stride, count, this.#scoresAt);
      return new Float32Array(memory.buffer, this.#scoresAt, count);
    }
    const queryRow = new Int8Array(memory.buffer, 0, this.stride).fill(0);
    const queryScale = quantize(query, queryRow);
    this.#kernels.dotI8(this.#rowsAt, 0, this.stride, count, this.#scoresAt);
    const scores = new Float32Array(memory.buffer, this.#scoresAt, count);
    for (let slot = 0; slot < count; slot++)
      scores[slot] = (scores[slot] as number) * queryScale * (this.#scales[slot] as number);
    return scores;
  }

  #reserve(capacity: number): void {
    const scoresAt = this.#rowsAt + capacity * this.stride;
    const needed = scoresAt + capacity * 4;
    const memory = this.#kernels.memory;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / pageBytes));
    this.#capacity = capacity;
    this.#scoresAt = scoresAt;
    if (this.format === "int8") {
      const scales = new Float32Array(capacity);
      scales.set(this.#scales);
      this.#scales = scales;
    }
  }
}

/** Writes `values` as int8 into `target`, scaled so the largest magnitude is 127; returns the scale back. */
function quantize(values: ArrayLike<number>, target: Int8Array): number {
  let largest = 0;
  for (let index = 0; index < values.length; index++) largest = Math.max(largest, Math.abs(values[index] as number));
  const scale = largest > 0 ? largest / 127 : 1;
  for (let index = 0; index < values.length; index++) target[index] = Math.round((values[index] as number) / scale);
  return scale;
}
