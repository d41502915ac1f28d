/**
 * The state of one pipeline run and the only operations that change it: writing a component's outputs into its
 * receivers' sockets, and consuming a component's inputs when it starts.
 *
 * Every value carries the logical wave of the run that sent it. A component's run at wave k sees exactly the values
 * sent in waves before k, whatever the order in which concurrent runs really finished: that is what makes runs
 * deterministic while independent branches run at the same time (see scheduler.ts).
 * @module
 */
import { PipelineRuntimeError } from "../errors/pipeline-errors.js";
import { deepCopy } from "../utils/deep-copy.js";
import type { CompiledGraph, CompiledInput, CompiledNode } from "./graph.js";

/** Marks a socket whose sender ran without producing a value for it (a branch not taken). */
export const NO_OUTPUT: unique symbol = Symbol.for("trama.noOutput");
/** Sender index of values given as run inputs. */
export const USER = -1;

/** One value waiting in an input socket. */
export interface Entry {
  readonly sender: number;
  readonly value: unknown;
  /** Logical wave of the sending run; 0 for run inputs. */
  readonly wave: number;
  /** Position of the sending run within its wave. */
  readonly order: number;
  /** Commit sequence number, to tell what happened after this value arrived. */
  readonly seq: number;
}

export interface RunState {
  readonly graph: CompiledGraph;
  /** Effective input sockets per node: a list socket given both a run input and a sender joins them. */
  readonly inputs: CompiledInput[][];
  /** `slots[node][input]`: waiting values, sorted by (wave, order). */
  readonly slots: Entry[][][];
  readonly visits: Int32Array;
  /** Wave of each node's latest run; 0 before its first. */
  readonly lastWave: Int32Array;
  /** Commit sequence number of each node's latest run; -1 before its first. */
  readonly lastSeq: Int32Array;
  maxWave: number;
  seq: number;
  /** Values below this wave can no longer be told apart by any future run: sockets may collapse them. */
  floorWave: number;
  readonly result: Record<string, Record<string, unknown>>;
  readonly includeOutputsFrom: ReadonlySet<string>;
}

export function createRunState(
  graph: CompiledGraph,
  runInputs: ReadonlyMap<number, Record<string, unknown>>,
  includeOutputsFrom: ReadonlySet<string>,
): RunState {
  const n = graph.nodes.length;
  const state: RunState = {
    graph,
    inputs: graph.nodes.map((node) => [...node.inputs]),
    slots: graph.nodes.map((node) => node.inputs.map(() => [])),
    visits: new Int32Array(n),
    lastWave: new Int32Array(n),
    lastSeq: new Int32Array(n).fill(-1),
    maxWave: 0,
    seq: 0,
    floorWave: 0,
    result: {},
    includeOutputsFrom,
  };
  for (const [index, values] of runInputs) {
    const node = graph.nodes[index]!;
    for (const [name, value] of Object.entries(values)) {
      const position = node.inputIndex.get(name)!;
      const input = node.inputs[position]!;
      // A list socket fed by a sender and given a run input joins both, run input first.
      if (input.joinable && input.senders.length > 0 && input.variadic === "none") {
        state.inputs[index]![position] = { ...input, variadic: "lazy", flatten: true };
      }
      state.slots[index]![position]!.push({ sender: USER, value, wave: 0, order: 0, seq: -1 });
    }
  }
  return state;
}

export const HIGHEST = 0;
export const READY = 1;
export const DEFER = 2;
export const BLOCKED = 3;
/** How ready a component is: HIGHEST (a greedy socket has a value), READY (every sender has run), DEFER (can run but
 * optional inputs may still come), BLOCKED (cannot run). */
export type Priority = typeof HIGHEST | typeof READY | typeof DEFER | typeof BLOCKED;

/**
 * The value a non-list socket holds after the writes before `wave`: a new value replaces the old one, but a sender
 * that produced nothing never erases a value.
 */
export function currentEntry(entries: readonly Entry[], wave: number): Entry | undefined {
  let current: Entry | undefined;
  for (const entry of entries) {
    if (entry.wave >= wave) break;
    if (current === undefined || entry.value !== NO_OUTPUT) current = entry;
  }
  return current;
}

/**
 * A node's priority as its inputs stand before `wave`. A component runs when every mandatory socket has a value
 * and something triggered it (a sender's value; or, on its first run, a run input or having no senders at all).
 */
export function priorityAt(state: RunState, node: CompiledNode, wave: number): Priority {
  const inputs = state.inputs[node.index]!;
  const slots = state.slots[node.index]!;
  const firstVisit = state.visits[node.index] === 0;
  let triggered = firstVisit && node.isSource;
  let mandatoryReady = true;
  let allReady = true;
  let greedyReady = false;
  let allSendersRan = true;
  for (let position = 0; position < inputs.length; position++) {
    const input = inputs[position]!;
    const entries = slots[position]!;
    let ready: boolean;
    let sendersRan: boolean;
    if (input.variadic === "lazy") {
      ready = false;
      for (const entry of entries) {
        if (entry.wave >= wave) break;
        if (entry.value !== NO_OUTPUT) {
          ready = true;
          if (entry.sender !== USER) triggered = true;
        }
        if (entry.sender === USER && firstVisit) triggered = true;
      }
      sendersRan = input.uniqueSenders.every((sender) => hasEntryFrom(entries, sender, wave));
    } else {
      const current = currentEntry(entries, wave);
      ready = current !== undefined && current.value !== NO_OUTPUT;
      if (current !== undefined) {
        if (current.sender !== USER) triggered ||= ready;
        else triggered ||= firstVisit;
      }
      sendersRan =
        input.uniqueSenders.length === 0
          ? current === undefined || current.sender === USER
          : input.uniqueSenders.length === 1 && current !== undefined && current.sender === input.uniqueSenders[0];
      if (input.variadic === "greedy" && ready) greedyReady = true;
    }
    if (!ready) {
      if (input.mandatory) mandatoryReady = false;
      if (input.mandatory || input.senders.length > 0) allReady = false;
    }
    if (!sendersRan) allSendersRan = false;
  }
  if (!mandatoryReady || !triggered) return BLOCKED;
  if (greedyReady && allReady) return HIGHEST;
  return allSendersRan ? READY : DEFER;
}

function hasEntryFrom(entries: readonly Entry[], sender: number, wave: number): boolean {
  for (const entry of entries) {
    if (entry.wave >= wave) return false;
    if (entry.sender === sender) return true;
  }
  return false;
}

/** What a started run took out of its sockets, to put back if the run is cancelled. */
export type ConsumedEntries = Entry[][];

/**
 * Takes a node's inputs for its run at `wave`, filling defaults, and removes them from its sockets. Run inputs stay
 * for later visits (a prompt builder in a loop keeps its question) except in greedy sockets, which would loop forever.
 */
export function consumeInputs(
  state: RunState,
  node: CompiledNode,
  wave: number,
): { inputs: Record<string, unknown>; consumed: ConsumedEntries } {
  const inputs: Record<string, unknown> = {};
  const consumed: ConsumedEntries = [];
  const sockets = state.inputs[node.index]!;
  const slots = state.slots[node.index]!;
  for (let position = 0; position < sockets.length; position++) {
    const input = sockets[position]!;
    const entries = slots[position]!;
    let cut = 0;
    while (cut < entries.length && entries[cut]!.wave < wave) cut++;
    const before = entries.slice(0, cut);
    const kept: Entry[] = [];
    let value: unknown = NO_OUTPUT;
    if (input.variadic === "lazy") {
      const values = before.filter((entry) => entry.value !== NO_OUTPUT).map((entry) => entry.value);
      if (values.length) value = input.flatten ? values.flat() : values;
      for (const entry of before) if (entry.sender === USER) kept.push(entry);
    } else {
      const current = currentEntry(before, wave);
      if (current !== undefined && current.value !== NO_OUTPUT) {
        value = input.variadic === "greedy" ? [current.value] : current.value;
        if (current.sender === USER && input.variadic !== "greedy") kept.push(current);
      } else if (current?.sender === USER) kept.push(current);
    }
    if (value === NO_OUTPUT && !input.mandatory) {
      value = input.variadic === "none" || input.flatten ? input.defaultValue : [input.defaultValue];
    }
    if (value !== NO_OUTPUT) inputs[input.name] = value;
    consumed.push(before.filter((entry) => !kept.includes(entry)));
    slots[position] = kept.length ? [...kept, ...entries.slice(cut)] : entries.slice(cut);
  }
  return { inputs, consumed };
}

/** Puts back what a run consumed, for a snapshot of a cancelled or failed run. */
export function restoreInputs(state: RunState, node: CompiledNode, consumed: ConsumedEntries): void {
  consumed.forEach((entries, position) => {
    const slot = state.slots[node.index]![position]!;
    for (const entry of entries) insertEntry(slot, entry);
  });
}

/**
 * Writes a finished run's outputs into its receivers' sockets, in connection order, and into the result. A value
 * sent to several places is copied for all but the first, so no component sees another one's mutations.
 */
export function commitOutputs(
  state: RunState,
  node: CompiledNode,
  outputs: Record<string, unknown>,
  wave: number,
  order: number,
): void {
  const seq = state.seq++;
  state.visits[node.index]!++;
  state.lastWave[node.index] = wave;
  state.lastSeq[node.index] = seq;
  if (wave > state.maxWave) state.maxWave = wave;
  const used = new Set<string>();
  for (const edge of node.outEdges) {
    let value: unknown = NO_OUTPUT;
    if (Object.hasOwn(outputs, edge.output) && outputs[edge.output] !== undefined) {
      value = used.has(edge.output) ? deepCopy(outputs[edge.output]) : outputs[edge.output];
      used.add(edge.output);
      if (edge.convert) value = convert(state, edge, value);
    }
    const receiver = state.inputs[edge.to]![edge.input]!;
    const slot = state.slots[edge.to]![edge.input]!;
    insertEntry(slot, { sender: node.index, value, wave, order, seq });
    if (receiver.variadic !== "lazy" && slot.length > 8) compact(slot, state.floorWave);
  }
  const include = state.includeOutputsFrom.has(node.name);
  let kept: Record<string, unknown> | undefined;
  for (const name of Object.keys(outputs)) {
    if (outputs[name] === undefined || (!include && node.connectedOutputs.has(name))) continue;
    kept ??= {};
    kept[name] = used.has(name) ? deepCopy(outputs[name]) : outputs[name];
  }
  if (kept || include) state.result[node.name] = kept ?? {};
}

function convert(state: RunState, edge: CompiledNode["outEdges"][number], value: unknown): unknown {
  try {
    return edge.convert!(value);
  } catch (error) {
    const sender = state.graph.nodes[edge.from]!;
    const receiver = state.graph.nodes[edge.to]!;
    throw new PipelineRuntimeError(
      `Cannot convert the value '${sender.name}.${edge.output}' sends to '${receiver.name}.${receiver.inputs[edge.input]!.name}' (${edge.conversion}): ${(error as Error).message}.`,
      { component: sender.name, componentType: sender.component.type, cause: error },
    );
  }
}

/** Inserts keeping (wave, order) order; equal keys keep arrival order (one run writing twice to one socket). */
export function insertEntry(slot: Entry[], entry: Entry): void {
  let position = slot.length;
  while (position > 0) {
    const previous = slot[position - 1]!;
    if (previous.wave < entry.wave || (previous.wave === entry.wave && previous.order <= entry.order)) break;
    position--;
  }
  slot.splice(position, 0, entry);
}

/** Collapses the values below `floorWave` of a non-list socket into the one that counts, keeping loops O(1). */
function compact(slot: Entry[], floorWave: number): void {
  let cut = 0;
  while (cut < slot.length && slot[cut]!.wave < floorWave) cut++;
  if (cut < 2) return;
  const current = currentEntry(slot, floorWave)!;
  slot.splice(0, cut, current);
}
