import type { AnyComponent } from "../component/component.js";
import type { Converter } from "../types/convert.js";
import { type InputSocket, type SocketType, toInputSocket } from "../types/socket-type.js";

/** One connection, as made with `connect`. */
export interface Connection {
  readonly sender: string;
  readonly output: string;
  readonly receiver: string;
  readonly input: string;
  /** Set when the types differ but a conversion applies (wrap, unwrap, ChatMessage ⇄ string). */
  readonly conversion?: { readonly name: string; readonly convert: Converter };
}

/** The editable definition of a pipeline: components in insertion order and connections in the order made. */
export class PipelineGraph {
  readonly components = new Map<string, AnyComponent>();
  readonly connections: Connection[] = [];
  #compiled: CompiledGraph | undefined;

  add(name: string, component: AnyComponent): void {
    this.components.set(name, component);
    this.#compiled = undefined;
  }

  remove(name: string): void {
    this.components.delete(name);
    for (let index = this.connections.length - 1; index >= 0; index--) {
      const connection = this.connections[index]!;
      if (connection.sender === name || connection.receiver === name) this.connections.splice(index, 1);
    }
    this.#compiled = undefined;
  }

  addConnection(connection: Connection): void {
    this.connections.push(connection);
    this.#compiled = undefined;
  }

  /** The senders feeding one input socket, in connection order. */
  sendersOf(receiver: string, input: string): Connection[] {
    return this.connections.filter((connection) => connection.receiver === receiver && connection.input === input);
  }

  /** The frozen, indexed form runs use; rebuilt only after the definition changes. */
  compile(): CompiledGraph {
    this.#compiled ??= compileGraph(this);
    return this.#compiled;
  }
}

/** An input socket as a run sees it. */
export interface CompiledInput {
  readonly name: string;
  readonly type: SocketType;
  readonly mandatory: boolean;
  readonly defaultValue: unknown;
  readonly variadic: "none" | "lazy" | "greedy";
  /** A list socket joining several senders: their lists are concatenated instead of collected. */
  readonly flatten: boolean;
  /** A list socket that joins a run input with its sender's value. */
  readonly joinable: boolean;
  /** Sending nodes, in connection order; a node connected twice appears twice. */
  readonly senders: readonly number[];
  readonly uniqueSenders: readonly number[];
}

/** One connection, by node index. */
export interface CompiledEdge {
  readonly from: number;
  readonly output: string;
  readonly to: number;
  readonly input: number;
  readonly convert: Converter | undefined;
  readonly conversion: string | undefined;
}

/** A component with everything a run needs precomputed. */
export interface CompiledNode {
  /** Position in name order, which is also the tie-break between components ready at the same time. */
  readonly index: number;
  readonly name: string;
  readonly component: AnyComponent;
  readonly inputs: readonly CompiledInput[];
  readonly inputIndex: ReadonlyMap<string, number>;
  readonly outputs: readonly string[];
  /** Outputs sent to at least one other component; the rest form the pipeline's result. */
  readonly connectedOutputs: ReadonlySet<string>;
  readonly outEdges: readonly CompiledEdge[];
  /** True when no input socket has a sender. */
  readonly isSource: boolean;
  /** Topological position (strongly connected components share one), used to order waiting components. */
  readonly topologicalRank: number;
}

export interface CompiledGraph {
  readonly nodes: readonly CompiledNode[];
  readonly byName: ReadonlyMap<string, CompiledNode>;
  /** Shortest path length from node a to node b at `a * n + b`; Infinity when b is unreachable from a. */
  readonly distance: Float64Array;
}

function compileGraph(graph: PipelineGraph): CompiledGraph {
  const names = [...graph.components.keys()].sort();
  const indexOf = new Map(names.map((name, index) => [name, index]));
  const edgesFrom: CompiledEdge[][] = names.map(() => []);
  const sendersOf = new Map<string, number[]>();
  for (const connection of graph.connections) {
    const from = indexOf.get(connection.sender)!;
    const key = `${connection.receiver}\u0000${connection.input}`;
    const senders = sendersOf.get(key) ?? [];
    senders.push(from);
    sendersOf.set(key, senders);
  }

  const nodes: CompiledNode[] = names.map((name, index) => {
    const component = graph.components.get(name)!;
    const inputs = Object.entries(component.inputs as Record<string, SocketType | InputSocket>).map(
      ([inputName, declared]) =>
        compileInput(inputName, toInputSocket(declared), sendersOf.get(`${name}\u0000${inputName}`) ?? []),
    );
    return {
      index,
      name,
      component,
      inputs,
      inputIndex: new Map(inputs.map((input, position) => [input.name, position])),
      outputs: Object.keys(component.outputs),
      connectedOutputs: new Set(graph.connections.filter((c) => c.sender === name).map((c) => c.output)),
      outEdges: edgesFrom[index]!,
      isSource: inputs.every((input) => input.senders.length === 0),
      topologicalRank: 0,
    };
  });

  for (const connection of graph.connections) {
    const to = indexOf.get(connection.receiver)!;
    edgesFrom[indexOf.get(connection.sender)!]!.push({
      from: indexOf.get(connection.sender)!,
      output: connection.output,
      to,
      input: nodes[to]!.inputIndex.get(connection.input)!,
      convert: connection.conversion?.convert,
      conversion: connection.conversion?.name,
    });
  }

  const successors = nodes.map((node) => [...new Set(node.outEdges.map((edge) => edge.to))]);
  const ranks = topologicalRanks(names, successors);
  for (const node of nodes) (node as { topologicalRank: number }).topologicalRank = ranks[node.index]!;
  return { nodes, byName: new Map(nodes.map((node) => [node.name, node])), distance: shortestPaths(successors) };
}

function compileInput(name: string, socket: InputSocket, senders: number[]): CompiledInput {
  const isList =
    socket.type.kind === "list" ||
    (socket.type.kind === "union" &&
      socket.type.members!.every((m) => m.kind === "list" || m.kind === "null" || m.kind === "undefined"));
  const autoJoin = socket.variadic === "none" && isList && senders.length > 1;
  return {
    name,
    type: socket.type,
    mandatory: socket.mandatory,
    defaultValue: socket.default,
    variadic: autoJoin ? "lazy" : socket.variadic,
    flatten: autoJoin,
    joinable: socket.variadic === "none" && isList,
    senders,
    uniqueSenders: [...new Set(senders)],
  };
}

/** Breadth-first search from every node. Pipelines are small, so the n² table is cheap and makes lookups O(1). */
function shortestPaths(successors: number[][]): Float64Array {
  const n = successors.length;
  const distance = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  for (let start = 0; start < n; start++) {
    let frontier = [start];
    for (let depth = 1; frontier.length; depth++) {
      const next: number[] = [];
      for (const node of frontier) {
        for (const successor of successors[node]!) {
          if (distance[start * n + successor] !== Number.POSITIVE_INFINITY) continue;
          distance[start * n + successor] = depth;
          next.push(successor);
        }
      }
      frontier = next;
    }
  }
  return distance;
}

/**
 * Ranks for ordering components that wait at the same time: a lexicographic topological order of the strongly
 * connected components (each cycle collapsed into one), so every member of a cycle shares its rank.
 */
function topologicalRanks(names: string[], successors: number[][]): number[] {
  const component = stronglyConnectedComponents(successors);
  const groups = Math.max(-1, ...component) + 1;
  const groupName = new Array<string>(groups).fill("\uffff");
  const indegree = new Array<number>(groups).fill(0);
  const groupSuccessors: Set<number>[] = Array.from({ length: groups }, () => new Set());
  names.forEach((name, node) => {
    const group = component[node]!;
    if (name < groupName[group]!) groupName[group] = name;
    for (const successor of successors[node]!) {
      const target = component[successor]!;
      if (target !== group && !groupSuccessors[group]!.has(target)) {
        groupSuccessors[group]!.add(target);
        indegree[target]!++;
      }
    }
  });
  const groupRank = new Array<number>(groups);
  const ready = [...Array(groups).keys()].filter((group) => indegree[group] === 0);
  for (let rank = 0; ready.length; rank++) {
    ready.sort((a, b) => (groupName[a]! < groupName[b]! ? -1 : 1));
    const group = ready.shift()!;
    groupRank[group] = rank;
    for (const target of groupSuccessors[group]!) if (--indegree[target]! === 0) ready.push(target);
  }
  return component.map((group) => groupRank[group]!);
}

/** Tarjan's algorithm, iterative so deep pipelines cannot overflow the stack. */
function stronglyConnectedComponents(successors: number[][]): number[] {
  const n = successors.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const component = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let groups = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: Array<[node: number, next: number]> = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [node, next] = frame;
      if (next === 0) {
        index[node] = low[node] = counter++;
        stack.push(node);
        onStack[node] = true;
      }
      const children = successors[node]!;
      if (next < children.length) {
        frame[1]++;
        const child = children[next]!;
        if (index[child] === -1) work.push([child, 0]);
        else if (onStack[child]) low[node] = Math.min(low[node]!, index[child]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === index[node]) {
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component[member] = groups;
        } while (member !== node);
        groups++;
      }
    }
  }
  return component;
}
