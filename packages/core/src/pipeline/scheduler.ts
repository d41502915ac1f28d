/**
 * Decides which component runs next, deterministically, while independent branches run concurrently.
 *
 * The reference semantics is a sequence of logical waves: all components ready at the start of a wave run in it,
 * each seeing the values sent before the wave; a wave's outputs are written in (priority, name) order. When no
 * component is ready, one component still waiting for optional inputs runs alone (the one first in topological,
 * then name order). That is Haystack's scheduling, made deterministic.
 *
 * Runs start as soon as their wave's inputs are certain rather than when the previous wave ends: a run at wave k may
 * start once no pending run (waiting or in flight) could still send it a value from a wave before k. A pending run
 * at wave w reaches a component d steps downstream no earlier than wave w + d, so the test is a shortest-path
 * lookup. Independent branches never wait for each other, and every run sees exactly the values the wave order
 * defines, whatever the timing.
 * @module
 */
import type { CompiledGraph, CompiledNode } from "./graph.js";
import { DEFER, HIGHEST, type Priority, priorityAt, READY, type RunState } from "./run-state.js";

/** A run the scheduler has placed at a logical wave. */
export interface PlannedRun {
  readonly node: CompiledNode;
  readonly wave: number;
  readonly priority: Priority;
  /** Position within the wave: priority first, then name. */
  readonly order: number;
}

function planned(graph: CompiledGraph, node: CompiledNode, wave: number, priority: Priority): PlannedRun {
  return { node, wave, priority, order: priority * graph.nodes.length + node.index };
}

/** The earliest wave at which `node` is ready with the values it holds now, if any. */
export function planRun(state: RunState, node: CompiledNode): PlannedRun | undefined {
  const base = Math.max(state.lastWave[node.index]! + 1, 1);
  const priority = priorityAt(state, node, base);
  if (priority === HIGHEST || priority === READY) return planned(state.graph, node, base, priority);
  // Later values may make it ready: try the wave after each of them.
  const waves = new Set<number>();
  for (const slot of state.slots[node.index]!) for (const entry of slot) if (entry.wave >= base) waves.add(entry.wave);
  for (const wave of [...waves].sort((a, b) => a - b)) {
    const later = priorityAt(state, node, wave + 1);
    if (later === HIGHEST || later === READY) return planned(state.graph, node, wave + 1, later);
  }
  return undefined;
}

/** Orders runs by wave, then priority, then name. */
export function compareRuns(a: PlannedRun, b: PlannedRun): number {
  return a.wave - b.wave || a.order - b.order;
}

/**
 * The first waiting run, in wave order, whose inputs are certain: no other pending run can still send it a value
 * from an earlier wave. `busy` nodes already have a run in flight and wait for it.
 */
export function nextStartable(
  graph: CompiledGraph,
  waiting: readonly PlannedRun[],
  inFlight: readonly PlannedRun[],
  busy: (node: CompiledNode) => boolean,
): PlannedRun | undefined {
  const n = graph.nodes.length;
  for (const candidate of waiting) {
    if (busy(candidate.node)) continue;
    const reachable = (pending: PlannedRun) =>
      pending !== candidate &&
      pending.wave + graph.distance[pending.node.index * n + candidate.node.index]! <= candidate.wave;
    if (!waiting.some(reachable) && !inFlight.some(reachable)) return candidate;
  }
  return undefined;
}

/**
 * When nothing is ready or running: the component that can run but may still get optional inputs, first in
 * topological order, then by name. It runs alone in a wave of its own.
 */
export function nextDeferred(state: RunState): PlannedRun | undefined {
  let best: CompiledNode | undefined;
  for (const node of state.graph.nodes) {
    if (priorityAt(state, node, Number.POSITIVE_INFINITY) !== DEFER) continue;
    if (
      !best ||
      node.topologicalRank < best.topologicalRank ||
      (node.topologicalRank === best.topologicalRank && node.name.toLowerCase() < best.name.toLowerCase())
    ) {
      best = node;
    }
  }
  return best && planned(state.graph, best, state.maxWave + 1, DEFER);
}
