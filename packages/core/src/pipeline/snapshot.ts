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

/** Marks snapshots taken in this process, whose values are live objects (messages, documents, markers). */
const LIVE = Symbol("trama.liveSnapshot");
/** What a snapshot's JSON form says of itself, so readers know its values are encoded. */
const ENCODING = "trama.snapshot.v1";

const symbols = new Map([[NO_OUTPUT as symbol, "no-output"]]);
const symbolsByName = new Map([["no-output", NO_OUTPUT as symbol]]);

/**
 * Marks a snapshot as live and gives it a `toJSON`, so that `JSON.stringify(snapshot)` writes the same encoded form as
 * `snapshotToJSON` (messages, documents and the branch-not-taken marker included) rather than losing values.
 */
function live(snapshot: PipelineSnapshot): PipelineSnapshot {
  Object.defineProperty(snapshot, LIVE, { value: true });
  Object.defineProperty(snapshot, "toJSON", { value: () => encodeSnapshot(snapshot) });
  return snapshot;
}

function encodeSnapshot(snapshot: PipelineSnapshot): unknown {
  return { encoding: ENCODING, ...(encodeValue({ ...snapshot }, symbols) as Record<string, unknown>) };
}

/**
 * The live form of a snapshot: as taken, or decoded from its JSON form. A copy that lost its encoding (a spread or
 * `structuredClone` of a snapshot, then written as JSON) cannot resume exactly, so it is refused.
 */
function liveSnapshot(snapshot: PipelineSnapshot): PipelineSnapshot {
  if ((snapshot as { [LIVE]?: boolean })[LIVE]) return snapshot;
  const encoded = snapshot as unknown as { encoding?: unknown };
  if (encoded.encoding === ENCODING) {
    const { encoding: _encoding, ...rest } = encoded;
    return live(decodeValue(rest, symbolsByName) as PipelineSnapshot);
  }
  throw new SerializationError(
    "This snapshot was copied without its encoding (for example with structuredClone or a spread, then written as JSON), so messages, documents and branch markers in it are lost. Write snapshots with JSON.stringify(snapshot) or snapshotToJSON(snapshot), and read them with snapshotFromJSON(text) or JSON.parse(text).",
  );
}

export function takeSnapshot(
  state: RunState,
  reason: PipelineSnapshot["reason"],
  at?: { component: string; visit: number },
): PipelineSnapshot {
  const { nodes } = state.graph;
  const name = (sender: number) => (sender === USER ? null : nodes[sender]!.name);
  return live({
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
  });
}

/** Rebuilds run state from a snapshot of this same pipeline. */
export function restoreRunState(graph: CompiledGraph, saved: PipelineSnapshot): RunState {
  if (saved?.version !== 1)
    throw new SerializationError(
      `Unsupported snapshot version ${String(saved?.version)}: resume with a snapshot of this version of Trama.`,
    );
  const snapshot = liveSnapshot(saved);
  const names = graph.nodes.map((node) => node.name);
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

/** Writes a snapshot as JSON text, data classes (messages, documents) included. */
export function snapshotToJSON(snapshot: PipelineSnapshot): string {
  return JSON.stringify(encodeSnapshot(liveSnapshot(snapshot)), null, 2);
}

/** Reads a snapshot written by `snapshotToJSON`. */
export function snapshotFromJSON(text: string): PipelineSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SerializationError(`The snapshot is not valid JSON: ${(error as Error).message}`, {}, { cause: error });
  }
  if (typeof json !== "object" || json === null || (json as { encoding?: unknown }).encoding !== ENCODING) {
    throw new SerializationError(
      "This JSON is not a Trama snapshot written by snapshotToJSON or JSON.stringify(snapshot): it has no 'encoding' field.",
    );
  }
  return liveSnapshot(json as PipelineSnapshot);
}
