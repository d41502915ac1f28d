/**
 * A minimal protobuf writer and the few ONNX messages a tiny test model needs (field numbers from `onnx/onnx.proto`).
 * Only what the writer uses: varints, length-delimited fields and nested messages; tensor data goes in `raw_data`
 * (little-endian), so no packed or fixed-width fields are needed.
 * @module
 */

/** Appends protobuf fields to a growing buffer. */
export class ProtobufWriter {
  readonly #bytes: number[] = [];

  /** A varint field (wire type 0): int32, int64 and enum values; negative numbers take ten bytes. */
  varint(field: number, value: number | bigint): this {
    this.#tag(field, 0);
    this.#varint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  /** A length-delimited field (wire type 2) holding raw bytes. */
  bytes(field: number, data: Uint8Array): this {
    this.#tag(field, 2);
    this.#varint(BigInt(data.length));
    for (const byte of data) this.#bytes.push(byte);
    return this;
  }

  /** A string field, UTF-8 encoded. */
  string(field: number, text: string): this {
    return this.bytes(field, new TextEncoder().encode(text));
  }

  /** A nested message field. */
  message(field: number, build: (writer: ProtobufWriter) => void): this {
    const inner = new ProtobufWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  #tag(field: number, wireType: number): void {
    this.#varint(BigInt((field << 3) | wireType));
  }

  #varint(value: bigint): void {
    let rest = value;
    while (rest >= 0x80n) {
      this.#bytes.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.#bytes.push(Number(rest));
  }
}

/** ONNX element types used here (`TensorProto.DataType`). */
export const OnnxType = { float: 1, int64: 7 } as const;

/** A constant tensor of the graph (`TensorProto`). */
export interface OnnxTensor {
  name: string;
  dims: number[];
  type: (typeof OnnxType)[keyof typeof OnnxType];
  /** Row-major values: `Float32Array` for float, `BigInt64Array` for int64. */
  data: Float32Array | BigInt64Array;
}

/** A graph input or output (`ValueInfoProto`): dimensions are numbers or symbolic names. */
export interface OnnxValueInfo {
  name: string;
  type: (typeof OnnxType)[keyof typeof OnnxType];
  shape: Array<number | string>;
}

/** An integer attribute (`AttributeProto` of type INT); the only kind the tiny model uses. */
export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  intAttributes?: Record<string, number>;
}

/** A whole model (`ModelProto`) with one graph and the default opset. */
export interface OnnxModel {
  irVersion: number;
  opsetVersion: number;
  producerName: string;
  graphName: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

/** Serializes a model to the bytes of a `.onnx` file. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  return new ProtobufWriter()
    .varint(1, model.irVersion) // ir_version
    .string(2, model.producerName) // producer_name
    .message(7, (graph) => encodeGraph(graph, model)) // graph
    .message(8, (opset) => opset.string(1, "").varint(2, model.opsetVersion)) // opset_import
    .finish();
}

function encodeGraph(graph: ProtobufWriter, model: OnnxModel): void {
  model.nodes.forEach((node, index) => {
    graph.message(1, (writer) => encodeNode(writer, node, `${node.opType}_${index}`));
  });
  graph.string(2, model.graphName);
  for (const tensor of model.initializers) graph.message(5, (writer) => encodeTensor(writer, tensor));
  for (const input of model.inputs) graph.message(11, (writer) => encodeValueInfo(writer, input));
  for (const output of model.outputs) graph.message(12, (writer) => encodeValueInfo(writer, output));
}

function encodeNode(writer: ProtobufWriter, node: OnnxNode, name: string): void {
  for (const input of node.inputs) writer.string(1, input);
  for (const output of node.outputs) writer.string(2, output);
  writer.string(3, name).string(4, node.opType);
  for (const [attribute, value] of Object.entries(node.intAttributes ?? {})) {
    // AttributeProto: name = 1, i = 3, type = 20 (INT = 2)
    writer.message(5, (inner) => inner.string(1, attribute).varint(3, value).varint(20, 2));
  }
}

function encodeTensor(writer: ProtobufWriter, tensor: OnnxTensor): void {
  for (const dim of tensor.dims) writer.varint(1, dim); // dims
  writer.varint(2, tensor.type); // data_type
  writer.string(8, tensor.name); // name
  writer.bytes(9, littleEndianBytes(tensor.data)); // raw_data
}

/** Tensor values as fixed-width little-endian bytes, whatever the machine's byte order. */
function littleEndianBytes(data: Float32Array | BigInt64Array): Uint8Array {
  if (data instanceof Float32Array) {
    const bytes = new Uint8Array(data.length * 4);
    const view = new DataView(bytes.buffer);
    for (let index = 0; index < data.length; index++) view.setFloat32(index * 4, data[index]!, true);
    return bytes;
  }
  const bytes = new Uint8Array(data.length * 8);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < data.length; index++) view.setBigInt64(index * 8, data[index]!, true);
  return bytes;
}

function encodeValueInfo(writer: ProtobufWriter, value: OnnxValueInfo): void {
  writer.string(1, value.name).message(2, (type) =>
    // TypeProto.tensor_type = 1 { elem_type = 1, shape = 2 { dim = 1 { dim_value = 1 | dim_param = 2 } } }
    type.message(1, (tensor) =>
      tensor.varint(1, value.type).message(2, (shape) => {
        for (const dim of value.shape) {
          shape.message(1, (dimension) =>
            typeof dim === "number" ? dimension.varint(1, dim) : dimension.string(2, dim),
          );
        }
      }),
    ),
  );
}
