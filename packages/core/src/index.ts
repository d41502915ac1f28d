/**
 * `@trama/core`: typed components wired into deterministic, concurrent pipelines.
 * @module
 */
export type { AnyComponent, Component, RunContext, StreamChunk } from "./component/component.js";
export { components } from "./component/components.js";
export {
  type ComponentClass,
  type ComponentFactory,
  type ComponentSpec,
  type DefinedComponent,
  defineComponent,
} from "./component/define-component.js";
export {
  ComponentRegistry,
  type ComponentType,
  type ComponentTypes,
  defaultRegistry,
  type LoadContext,
  type NamedTool,
} from "./component/registry.js";
export { Secret, type SecretJSON, SecretMissingError } from "./component/secret.js";
export { type ComponentJSON, componentToJSON } from "./component/serialize-config.js";
export { GeneratedAnswer, generatedAnswerType } from "./data/answer.js";
export {
  ChatMessage,
  type ChatRole,
  type ContentPart,
  chatMessageType,
  type ImagePart,
  type ReasoningPart,
  type TextPart,
  type ToolCallPart,
  type ToolResultPart,
} from "./data/chat-message.js";
export { Document, type DocumentInit, documentType, stableStringify } from "./data/document.js";
export * from "./errors/index.js";
export type {
  AnyReceiverAddress,
  CheckedReceiver,
  ComponentMap,
  Connectable,
  PipelineInputs,
  PipelineResult,
  ReceiverAddress,
  SenderAddress,
  TypeName,
} from "./pipeline/addresses.js";
export type { PipelineEvent, PipelineOutputs } from "./pipeline/events.js";
export type { Connection } from "./pipeline/graph.js";
export { Pipeline, type PipelineOptions, type RunOptions } from "./pipeline/pipeline.js";
export { PipelineComponent, type PipelineComponentOptions } from "./pipeline/pipeline-component.js";
export type { Breakpoint } from "./pipeline/run-pipeline.js";
export type { LoadOptions, PipelineJSON } from "./pipeline/serialize-pipeline.js";
export { type PipelineSnapshot, snapshotFromJSON, snapshotToJSON } from "./pipeline/snapshot.js";
export { PipelineStream } from "./pipeline/stream.js";
export { type AttributeValue, getTracer, type Span, setTracer, type Tracer } from "./tracing/tracer.js";
export { type Converter, findConversion } from "./types/convert.js";
export {
  type AcceptedValue,
  describeValue,
  type InputSocket,
  type InputSocketMap,
  type InputValue,
  type InputValues,
  isAssignable,
  isListType,
  isValueOf,
  type OutputSocketMap,
  type OutputValues,
  parseSocketType,
  registerNamedType,
  SocketType,
  t,
  toSocketType,
  type ValueOf,
  type Variadic,
} from "./types/socket-type.js";
export { cloneSymbol, deepCopy } from "./utils/deep-copy.js";
export { Lazy } from "./utils/lazy.js";
export { seededRandom } from "./utils/seeded-random.js";
export { type DataClass, decodeValue, encodeValue, registerDataClass } from "./utils/value-codec.js";
