import type { StreamChunk } from "../component/component.js";

/** The outputs of a run: per component, the outputs no other component consumed (and all outputs of those asked for). */
export type PipelineOutputs = Record<string, Record<string, unknown>>;

/** Events of `pipeline.stream()`, in the order they happen. */
export type PipelineEvent =
  | { readonly type: "run-start"; readonly inputs: Record<string, Record<string, unknown>> }
  | {
      readonly type: "node-start";
      readonly component: string;
      readonly visit: number;
      readonly inputs: Record<string, unknown>;
    }
  | { readonly type: "node-chunk"; readonly component: string; readonly visit: number; readonly chunk: StreamChunk }
  | {
      readonly type: "node-end";
      readonly component: string;
      readonly visit: number;
      readonly outputs: Record<string, unknown>;
      readonly durationMs: number;
    }
  | { readonly type: "run-end"; readonly result: PipelineOutputs };
