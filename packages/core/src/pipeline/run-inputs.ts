import { PipelineInputError } from "../errors/pipeline-errors.js";
import { describeValue, isValueOf } from "../types/socket-type.js";
import { deepCopy } from "../utils/deep-copy.js";
import type { CompiledGraph } from "./graph.js";

/** Run inputs by component, or flat by socket name. */
export type RunInputs = Record<string, unknown>;

/**
 * Sorts run inputs by component and checks them against the pipeline: every component and socket exists, every
 * mandatory socket nobody feeds gets a value, and sockets fed by other components take run inputs only when they
 * are lists (which then join both).
 *
 * Inputs are per component (`{ retriever: { query } }`) when every key names a component and every value is a plain
 * object; otherwise they are flat (`{ query }`) and go to every free socket of that name.
 */
export function prepareRunInputs(graph: CompiledGraph, inputs: RunInputs): Map<number, Record<string, unknown>> {
  const keys = Object.keys(inputs);
  const perComponent = keys.length > 0 && keys.every((key) => graph.byName.has(key) && isPlainObject(inputs[key]));
  const byNode = new Map<number, Record<string, unknown>>();
  if (perComponent) {
    for (const [name, values] of Object.entries(inputs))
      byNode.set(graph.byName.get(name)!.index, { ...(values as Record<string, unknown>) });
  } else {
    const componentKeys = keys.filter((key) => graph.byName.has(key) && isPlainObject(inputs[key]));
    if (componentKeys.length > 0) {
      throw new PipelineInputError(
        `Run inputs mix component names (${componentKeys.join(", ")}) with socket names (${keys.filter((k) => !componentKeys.includes(k)).join(", ")}). Give either { component: { socket: value } } or { socket: value }.`,
      );
    }
    for (const [socket, value] of Object.entries(inputs)) {
      let matched = false;
      for (const node of graph.nodes) {
        const input = node.inputs[node.inputIndex.get(socket) ?? -1];
        if (!input || (input.senders.length > 0 && input.variadic === "none" && !input.joinable)) continue;
        const values = byNode.get(node.index) ?? {};
        values[socket] = value;
        byNode.set(node.index, values);
        matched = true;
      }
      if (!matched) {
        const free = graph.nodes.flatMap((node) =>
          node.inputs.filter((input) => input.senders.length === 0).map((input) => `${node.name}.${input.name}`),
        );
        throw new PipelineInputError(
          `Run input '${socket}' matches no free input socket. Free sockets: ${free.join(", ") || "none"}.`,
        );
      }
    }
  }
  validate(graph, byNode);
  copySharedValues(byNode);
  return byNode;
}

function validate(graph: CompiledGraph, byNode: Map<number, Record<string, unknown>>): void {
  for (const [index, values] of byNode) {
    const node = graph.nodes[index]!;
    for (const [socket, value] of Object.entries(values)) {
      const input = node.inputs[node.inputIndex.get(socket) ?? -1];
      if (!input) {
        throw new PipelineInputError(
          `Component '${node.name}' has no input '${socket}'. Its inputs are: ${node.inputs.map((i) => `${i.name} (${i.type.name})`).join(", ") || "none"}.`,
        );
      }
      if (input.senders.length > 0 && input.variadic === "none" && !input.joinable) {
        const senders = input.uniqueSenders.map((sender) => graph.nodes[sender]!.name).join(", ");
        throw new PipelineInputError(
          `'${node.name}.${socket}' is fed by ${senders}; it cannot also take a run input. Only list and variadic sockets take several values.`,
        );
      }
      if (value === undefined) {
        delete values[socket];
        continue;
      }
      // Variadic sockets take one element per sender; list sockets that also join senders take the whole list.
      const expected = input.type;
      if (!isValueOf(expected, value)) {
        throw new PipelineInputError(
          `Run input '${node.name}.${socket}' is ${describeValue(value)}, but the socket takes ${expected.name}. Pass a value of that type.`,
        );
      }
    }
  }
  const missing: string[] = [];
  for (const node of graph.nodes) {
    for (const input of node.inputs) {
      if (input.mandatory && input.senders.length === 0 && !(input.name in (byNode.get(node.index) ?? {}))) {
        missing.push(`${node.name}.${input.name} (${input.type.name})`);
      }
    }
  }
  if (missing.length) {
    throw new PipelineInputError(
      `Missing mandatory run inputs: ${missing.join(", ")}. Pass them to run(), or connect these sockets.`,
    );
  }
}

/** The same object given to several sockets is copied, so one component mutating it cannot affect another. */
function copySharedValues(byNode: Map<number, Record<string, unknown>>): void {
  const seen = new Set<unknown>();
  for (const values of byNode.values()) {
    for (const [socket, value] of Object.entries(values)) {
      if (typeof value !== "object" || value === null) continue;
      if (seen.has(value)) values[socket] = deepCopy(value);
      else seen.add(value);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
