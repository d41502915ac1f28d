/**
 * Dot products of one query with many rows, in WebAssembly SIMD: four 128-bit accumulators over rows padded to 64
 * bytes, about three times the speed of the best plain JavaScript loop (V8 does not vectorize it), near the memory
 * bandwidth that bounds an exact scan. The module is assembled here from its instructions (it is small, and this
 * keeps it readable and free of a build step); `wasm-kernels.test.ts` checks it against plain loops.
 *
 * Both functions take `(rows, query, strideBytes, count, out)`, byte addresses into the imported memory, and write
 * `count` float32 scores at `out`:
 * - `dotF32`: float32 rows and query, `strideBytes` a multiple of 64;
 * - `dotI8`: int8 rows and query (each scaled by the caller), exact integer sums, `strideBytes` a multiple of 64.
 * @module
 */

/** The part of WebAssembly's memory object the kernels' callers use (Node's types do not declare WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The compiled kernels over one memory. */
export interface Kernels {
  memory: WasmMemory;
  dotF32(rows: number, query: number, strideBytes: number, count: number, out: number): void;
  dotI8(rows: number, query: number, strideBytes: number, count: number, out: number): void;
}

/** Row strides are padded to this many bytes, so the inner loop has no tail. */
export const strideAlignment = 64;

const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  brIf: 0x0d,
  void: 0x40,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  f32Add: 0x92,
  f32Store: 0x38,
  f32ConvertI32S: 0xb2,
  i32: 0x7f,
  v128: 0x7b,
};
// SIMD instructions: the 0xfd prefix, then the opcode as an unsigned LEB128.
const simd = {
  load: [0xfd, 0x00],
  const: [0xfd, 0x0c],
  i32x4ExtractLane: [0xfd, 0x1b],
  f32x4ExtractLane: [0xfd, 0x1f],
  i16x8ExtendLowI8x16S: [0xfd, 0x87, 0x01],
  i16x8ExtendHighI8x16S: [0xfd, 0x88, 0x01],
  i32x4Add: [0xfd, 0xae, 0x01],
  i32x4DotI16x8S: [0xfd, 0xba, 0x01],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
};

function uleb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** `i32.const`: its immediate is a signed LEB128 (64 needs two bytes, since bit 6 of one byte is the sign). */
function i32Const(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return [op.i32Const, ...bytes];
  }
}

const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const text = (value: string): number[] => vector([...value].map((character) => [character.charCodeAt(0)]));
const get = (local: number) => [op.localGet, local];
const set = (local: number) => [op.localSet, local];
const loadV128 = (offset: number) => [...simd.load, 4, ...uleb(offset)];

// Parameters 0..4: rows, query, strideBytes, count, out. Locals: 5 row cursor, 6 query cursor, 7 row end,
// 8..11 accumulators, 12..13 scratch vectors (int8 only).
const [rows, query, stride, count, out, row, queryAt, rowEnd] = [0, 1, 2, 3, 4, 5, 6, 7];
const accumulators = [8, 9, 10, 11];

/** The loop over rows shared by both kernels: `step(k)` adds the k-th 16 bytes of the row to accumulator k. */
function rowLoop(step: (chunk: number) => number[], reduce: number[]): number[] {
  return [
    op.block,
    op.void,
    ...get(count),
    op.i32Eqz,
    op.brIf,
    0,
    op.loop,
    op.void,
    ...accumulators.flatMap((accumulator) => [...simd.const, ...new Array(16).fill(0), ...set(accumulator)]),
    ...get(query),
    ...set(queryAt),
    ...get(rows),
    op.localTee,
    row,
    ...get(stride),
    op.i32Add,
    ...set(rowEnd),
    op.loop,
    op.void,
    ...[0, 1, 2, 3].flatMap(step),
    ...get(row),
    ...i32Const(64),
    op.i32Add,
    ...set(row),
    ...get(queryAt),
    ...i32Const(64),
    op.i32Add,
    ...set(queryAt),
    ...get(row),
    ...get(rowEnd),
    op.i32LtU,
    op.brIf,
    0,
    op.end,
    ...get(out),
    ...reduce,
    op.f32Store,
    2,
    0,
    ...get(out),
    ...i32Const(4),
    op.i32Add,
    ...set(out),
    ...get(rowEnd),
    ...set(rows),
    ...get(count),
    ...i32Const(1),
    op.i32Sub,
    op.localTee,
    count,
    op.brIf,
    0,
    op.end,
    op.end,
  ];
}

const dotF32Body = rowLoop(
  (chunk) => [
    ...get(accumulators[chunk] as number),
    ...get(row),
    ...loadV128(16 * chunk),
    ...get(queryAt),
    ...loadV128(16 * chunk),
    ...simd.f32x4Mul,
    ...simd.f32x4Add,
    ...set(accumulators[chunk] as number),
  ],
  [
    ...get(8),
    ...get(9),
    ...simd.f32x4Add,
    ...get(10),
    ...get(11),
    ...simd.f32x4Add,
    ...simd.f32x4Add,
    ...set(8),
    ...get(8),
    ...simd.f32x4ExtractLane,
    0,
    ...get(8),
    ...simd.f32x4ExtractLane,
    1,
    op.f32Add,
    ...get(8),
    ...simd.f32x4ExtractLane,
    2,
    ...get(8),
    ...simd.f32x4ExtractLane,
    3,
    op.f32Add,
    op.f32Add,
  ],
);

const [rowBytes, queryBytes] = [12, 13];
const dotI8Body = rowLoop(
  (chunk) => [
    ...get(row),
    ...loadV128(16 * chunk),
    ...set(rowBytes),
    ...get(queryAt),
    ...loadV128(16 * chunk),
    ...set(queryBytes),
    ...get(accumulators[chunk] as number),
    ...get(rowBytes),
    ...simd.i16x8ExtendLowI8x16S,
    ...get(queryBytes),
    ...simd.i16x8ExtendLowI8x16S,
    ...simd.i32x4DotI16x8S,
    ...simd.i32x4Add,
    ...get(rowBytes),
    ...simd.i16x8ExtendHighI8x16S,
    ...get(queryBytes),
    ...simd.i16x8ExtendHighI8x16S,
    ...simd.i32x4DotI16x8S,
    ...simd.i32x4Add,
    ...set(accumulators[chunk] as number),
  ],
  [
    ...get(8),
    ...get(9),
    ...simd.i32x4Add,
    ...get(10),
    ...get(11),
    ...simd.i32x4Add,
    ...simd.i32x4Add,
    ...set(8),
    ...get(8),
    ...simd.i32x4ExtractLane,
    0,
    ...get(8),
    ...simd.i32x4ExtractLane,
    1,
    op.i32Add,
    ...get(8),
    ...simd.i32x4ExtractLane,
    2,
    ...get(8),
    ...simd.i32x4ExtractLane,
    3,
    op.i32Add,
    op.i32Add,
    op.f32ConvertI32S,
  ],
);

function functionBody(locals: Array<[number, number]>, body: number[]): number[] {
  const bytes = [...vector(locals.map(([many, type]) => [...uleb(many), type])), ...body, op.end];
  return [...uleb(bytes.length), ...bytes];
}

const moduleBytes = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  ...section(1, vector([[0x60, ...vector([[op.i32], [op.i32], [op.i32], [op.i32], [op.i32]]), 0x00]])),
  ...section(2, vector([[...text("env"), ...text("memory"), 0x02, 0x00, ...uleb(1)]])),
  ...section(3, vector([[0], [0]])),
  ...section(
    7,
    vector([
      [...text("dotF32"), 0x00, 0],
      [...text("dotI8"), 0x00, 1],
    ]),
  ),
  ...section(
    10,
    vector([
      functionBody(
        [
          [3, op.i32],
          [4, op.v128],
        ],
        dotF32Body,
      ),
      functionBody(
        [
          [3, op.i32],
          [6, op.v128],
        ],
        dotI8Body,
      ),
    ]),
  ),
]);

let compiled: object | undefined;

/** Instantiates the kernels over a new memory of `pages` 64 KiB pages. */
export function createKernels(pages = 1): Kernels {
  compiled ??= new wasm.Module(moduleBytes);
  const memory = new wasm.Memory({ initial: pages });
  const instance = new wasm.Instance(compiled, { env: { memory } });
  const exports = instance.exports as unknown as Omit<Kernels, "memory">;
  return { memory, dotF32: exports.dotF32, dotI8: exports.dotI8 };
}
