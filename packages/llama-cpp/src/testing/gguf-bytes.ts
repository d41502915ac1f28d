/**
 * Byte-level helpers of the tiny GGUF writer: a little-endian byte writer, a seedable random generator and
 * half-precision conversion.
 * @module
 */

/** Little-endian bytes, appended in chunks. */
export class ByteWriter {
  readonly #chunks: Buffer[] = [];
  length = 0;

  bytes(buffer: Buffer): void {
    this.#chunks.push(buffer);
    this.length += buffer.length;
  }
  #number(size: number, write: (buffer: Buffer) => void): void {
    const buffer = Buffer.alloc(size);
    write(buffer);
    this.bytes(buffer);
  }
  uint16(value: number): void {
    this.#number(2, (buffer) => buffer.writeUInt16LE(value));
  }
  uint32(value: number): void {
    this.#number(4, (buffer) => buffer.writeUInt32LE(value));
  }
  int32(value: number): void {
    this.#number(4, (buffer) => buffer.writeInt32LE(value));
  }
  float32(value: number): void {
    this.#number(4, (buffer) => buffer.writeFloatLE(value));
  }
  uint64(value: number): void {
    this.#number(8, (buffer) => buffer.writeBigUInt64LE(BigInt(value)));
  }
  /** A GGUF string: UINT64 byte length, then UTF-8 bytes. */
  string(value: string): void {
    const encoded = Buffer.from(value, "utf8");
    this.uint64(encoded.length);
    this.bytes(encoded);
  }
  pad(multiple: number): void {
    const remainder = this.length % multiple;
    if (remainder) this.bytes(Buffer.alloc(multiple - remainder));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}

/** Uniform values with standard deviation `scale`. */
export function randomValues(random: () => number, count: number, scale: number): Float32Array {
  const values = new Float32Array(count);
  const halfWidth = scale * Math.sqrt(3);
  for (let index = 0; index < count; index++) values[index] = (random() * 2 - 1) * halfWidth;
  return values;
}

/** IEEE 754 half-precision bits of `value`, rounded to nearest (subnormals included). */
export function float16Bits(value: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  const bits = view.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent >= 31) return sign | 0x7c00;
  if (exponent <= 0) return sign | Math.round(Math.abs(value) * 2 ** 24);
  const rounded = (exponent << 10) | (mantissa >> 13);
  const remainder = mantissa & 0x1fff;
  return sign | (rounded + (remainder > 0x1000 || (remainder === 0x1000 && rounded & 1) ? 1 : 0));
}
