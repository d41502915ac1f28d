import { SerializationError } from "../errors/serialization-error.js";
import { deepCopy } from "../utils/deep-copy.js";
import { decodeValue, encodeValue } from "../utils/value-codec.js";
import type { CompiledGraph } from "./graph.js";
import { createRunState, type Entry, NO_OUTPUT, type RunState, USER } from "./run-state.js";

/** One waiting value, with sender by name (`null` for run inputs). */
export interface SnapshotEntry {
  sender: string | null;
  value: unknown;
  wave: number;
  order: number;
  seq: number;
}

/**
 * The state of a stopped run: what every socket holds, how often each component ran, the outputs so far. Failures,
 * breakpoints and cancellations attach one; `run(inputs, { resume: snapshot })` continues from it.
 */
export interface PipelineSnapshot {
  readonly version: 1;
  readonly reason: "error" | "breakpoint" | "abort" | "blocked";
  /** The component that failed, or that was about to run at a breakpoint. */
  readonly at?: { component: string; visit: number };
  readonly createdAt: string;
  readonly components: string[];
  readonly sockets: Record<string, Record<string, SnapshotEntry[]>>;
  readonly visits: Record<string, number>;
  readonly lastWave: Record<string, number>;
  readonly maxWave: number;
  readonly seq: number;
  readonly result: Record<string, Record<string, unknown>>;
  readonly includeOutputsFrom: string[];
}

export function takeSnapshot(
  state: RunState,
  reason: PipelineSnapshot["reason"],
  at?: { component: string; visit: number },
): PipelineSnapshot {
  const { nodes } = state.graph;
  const name = (sender: number) => (sender === USER ? null : nodes[sender]!.name);
  return {
    version: 1,
    reason,
    ...(at ? { at } : {}),
    createdAt: new Date().toISOString(),
    components: nodes.map((node) => node.name),
    sockets: Object.fromEntries(
      nodes.map((node) => [
        node.name,
        Object.fromEntries(
          node.inputs.map((input, position) => [
            input.name,
            state.slots[node.index]![position]!.map((entry) => ({ ...entry, sender: name(entry.sender) })),
          ]),
        ),
      ]),
    ),
    visits: Object.fromEntries(nodes.map((node) => [node.name, state.visits[node.index]!])),
    lastWave: Object.fromEntries(nodes.map((node) => [node.name, state.lastWave[node.index]!])),
    maxWave: state.maxWave,
    seq: state.seq,
    result: deepCopy(state.result),
    includeOutputsFrom: [...state.includeOutputsFrom],
  };
}

/** Rebuilds run state from a snapshot of this same pipeline. */
export function restoreRunState(graph: CompiledGraph, snapshot: PipelineSnapshot): RunState {
  const names = graph.nodes.map((node) => node.name);
  if (snapshot.version !== 1) throw new SerializationError(`Unsupported snapshot version ${String(snapshot.version)}.`);
  if (names.join("\u0000") !== [...snapshot.components].sort().join("\u0000")) {
    throw new SerializationError(
      `The snapshot was taken from a pipeline with components [${snapshot.components.join(", ")}], but this pipeline has [${names.join(", ")}]. Resume with the same pipeline.`,
    );
  }
  const runInputs = new Map<number, Record<string, unknown>>();
  const state = createRunState(graph, runInputs, new Set(snapshot.includeOutputsFrom));
  for (const node of graph.nodes) {
    state.visits[node.index] = snapshot.visits[node.name] ?? 0;
    state.lastWave[node.index] = snapshot.lastWave[node.name] ?? 0;
    node.inputs.forEach((input, position) => {
      const entries = snapshot.sockets[node.name]?.[input.name] ?? [];
      state.slots[node.index]![position] = entries.map(
        (entry): Entry => ({ ...entry, sender: entry.sender === null ? USER : graph.byName.get(entry.sender)!.index }),
      );
      if (
        input.joinable &&
        input.senders.length > 0 &&
        input.variadic === "none" &&
        entries.some((e) => e.sender === null)
      ) {
        state.inputs[node.index]![position] = { ...input, variadic: "lazy", flatten: true };
      }
    });
  }
  state.maxWave = snapshot.maxWave;
  state.seq = snapshot.seq;
  Object.assign(state.result, deepCopy(snapshot.result));
  return state;
}

const symbols = new Map([[NO_OUTPUT as symbol, "no-output"]]);
const symbolsByName = new Map([["no-output", NO_OUTPUT as symbol]]);

/** Writes a snapshot as JSON text, data classes (messages, documents) included. */
export function snapshotToJSON(snapshot: PipelineSnapshot): string {
  return JSON.stringify(encodeValue(snapshot, symbols), null, 2);
}

/** Reads a snapshot written by `snapshotToJSON`. */
export function snapshotFromJSON(text: string): PipelineSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SerializationError(`The snapshot is not valid JSON: ${(error as Error).message}`, {}, { cause: error });
  }
  return decodeValue(json, symbolsByName) as PipelineSnapshot;
}
