import { type BlockedComponent, PipelineBlockedError } from "../errors/pipeline-errors.js";
import type { CompiledNode } from "./graph.js";
import { currentEntry, type Entry, NO_OUTPUT, type RunState, USER } from "./run-state.js";

/**
 * Finds the components a finished run left stuck: they hold values other components sent them, and nothing
 * downstream of them ran after those values arrived, so the values would be lost without a word. A loop that exits
 * leaves values behind in its body too, but there the run went on downstream; that is not an error.
 */
export function findBlocked(state: RunState): BlockedComponent[] {
  // Most runs end with nothing left waiting: say so without building anything.
  if (state.seq > 0 && !holdsSenderValues(state)) return [];
  const { nodes, distance } = state.graph;
  const n = nodes.length;
  const anythingRan = state.seq > 0;
  // When nothing could start, point at the components that were given inputs; if none were, at all of them.
  const given = nodes.filter((node) => state.slots[node.index]!.some((slot) => slot.length > 0));
  const startCandidates = new Set(given.length ? given : nodes);
  const blocked: BlockedComponent[] = [];
  for (const node of nodes) {
    const waiting = state.slots[node.index]!.flat().filter(
      (entry) => entry.sender !== USER && entry.value !== NO_OUTPUT,
    );
    if (anythingRan && waiting.length === 0) continue;
    if (!anythingRan && !(startCandidates.has(node) && hasMissingMandatory(state, node))) continue;
    const arrived = waiting.length ? Math.min(...waiting.map((entry) => entry.seq)) : -1;
    const wentOn = nodes.some(
      (other) =>
        (other === node || distance[node.index * n + other.index]! < Infinity) && state.lastSeq[other.index]! > arrived,
    );
    if (anythingRan && wentOn) continue;
    blocked.push(describe(state, node));
  }
  return blocked;
}

function holdsSenderValues(state: RunState): boolean {
  for (const slots of state.slots) {
    for (const slot of slots)
      for (const entry of slot) if (entry.sender !== USER && entry.value !== NO_OUTPUT) return true;
  }
  return false;
}

function hasMissingMandatory(state: RunState, node: CompiledNode): boolean {
  return state.inputs[node.index]!.some(
    (input, position) => input.mandatory && !hasValue(input.variadic, state.slots[node.index]![position]!),
  );
}

function hasValue(variadic: string, entries: Entry[]): boolean {
  if (variadic === "lazy") return entries.some((entry) => entry.value !== NO_OUTPUT);
  const current = currentEntry(entries, Number.POSITIVE_INFINITY);
  return current !== undefined && current.value !== NO_OUTPUT;
}

function describe(state: RunState, node: CompiledNode): BlockedComponent {
  const { nodes } = state.graph;
  const slots = state.slots[node.index]!;
  const inputs = state.inputs[node.index]!;
  const received = inputs
    .filter((_, position) => slots[position]!.some((e) => e.sender !== USER && e.value !== NO_OUTPUT))
    .map((i) => i.name);
  const waitingFor = inputs
    .map((input, position) => ({ input, entries: slots[position]! }))
    .filter(({ input, entries }) => input.mandatory && !hasValue(input.variadic, entries))
    .map(({ input, entries }) => ({
      socket: input.name,
      senders: input.uniqueSenders.map((sender) => {
        const from = nodes[sender]!;
        const outputs = from.outEdges
          .filter((edge) => edge.to === node.index && edge.input === node.inputIndex.get(input.name))
          .map((edge) => edge.output);
        const ranButSentNothing = entries.some((entry) => entry.sender === sender && entry.value === NO_OUTPUT);
        const status =
          state.visits[sender] === 0
            ? "never ran"
            : ranButSentNothing
              ? `ran but sent nothing on '${outputs.join("', '")}'`
              : `ran ${state.visits[sender]} time(s); its value was already used`;
        return { component: from.name, socket: outputs.join(", "), status };
      }),
    }));
  return { component: node.name, received, waitingFor };
}

export function blockedError(blocked: BlockedComponent[], nothingRan: boolean): PipelineBlockedError {
  const lines = blocked.map((entry) => {
    const waits = entry.waitingFor
      .map((wait) => {
        const from = wait.senders.length
          ? wait.senders.map((sender) => `${sender.component}.${sender.socket} (${sender.status})`).join(" or ")
          : "a run input, and none was given";
        return `'${wait.socket}' from ${from}`;
      })
      .join("; ");
    const held = entry.received.length
      ? ` It holds values on '${entry.received.join("', '")}' that would be lost.`
      : "";
    return `  - '${entry.component}' waits for ${waits || "inputs that cannot arrive"}.${held}`;
  });
  const head = nothingRan
    ? "The pipeline cannot start: no component has the inputs it needs."
    : "The pipeline cannot finish: components hold inputs they can never use.";
  return new PipelineBlockedError(
    `${head}\n${lines.join("\n")}\nConnect the missing inputs, give them defaults, or route both branches into a joiner.`,
    blocked,
  );
}
