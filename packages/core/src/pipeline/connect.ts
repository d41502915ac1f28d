import { PipelineConnectError } from "../errors/pipeline-errors.js";
import { findConversion } from "../types/convert.js";
import { isAssignable, type SocketType, toInputSocket } from "../types/socket-type.js";
import type { Connection, PipelineGraph } from "./graph.js";

/** Splits `"name.socket"` into its parts; the socket is optional. */
export function parseAddress(address: string): { component: string; socket: string | undefined } {
  const dot = address.indexOf(".");
  return dot === -1
    ? { component: address, socket: undefined }
    : { component: address.slice(0, dot), socket: address.slice(dot + 1) };
}

interface Candidate {
  output: string;
  outputType: SocketType;
  input: string;
  inputType: SocketType;
  conversion: ReturnType<typeof findConversion>;
}

/**
 * Resolves `connect(sender, receiver)` into one connection, or throws an error that lists the candidate sockets
 * with their types and who already feeds them. Socket names may be left out where only one pairing fits; exact
 * type matches win over conversions, then equal socket names break ties.
 */
export function resolveConnection(graph: PipelineGraph, sender: string, receiver: string): Connection {
  const from = parseAddress(sender);
  const to = parseAddress(receiver);
  const sending = graph.components.get(from.component);
  const receiving = graph.components.get(to.component);
  const known = () => [...graph.components.keys()].join(", ") || "none yet";
  if (!sending)
    throw new PipelineConnectError(
      `Cannot connect '${sender}': there is no component '${from.component}'. Components: ${known()}.`,
    );
  if (!receiving)
    throw new PipelineConnectError(
      `Cannot connect to '${receiver}': there is no component '${to.component}'. Components: ${known()}.`,
    );
  if (from.component === to.component) {
    throw new PipelineConnectError(
      `Cannot connect '${from.component}' to itself. Put a joiner or another component in the loop.`,
    );
  }

  const outputs = Object.entries(sending.outputs as Record<string, SocketType>);
  const inputs = Object.entries(receiving.inputs).map(
    ([name, declared]) => [name, toInputSocket(declared as SocketType)] as const,
  );
  const outputsText = () => outputs.map(([name, type]) => `  - ${from.component}.${name}: ${type.name}`).join("\n");
  const inputsText = () =>
    inputs
      .map(([name, socket]) => {
        const fedBy = graph.sendersOf(to.component, name).map((c) => `${c.sender}.${c.output}`);
        return `  - ${to.component}.${name}: ${socket.type.name}${socket.variadic === "none" ? "" : ` (${socket.variadic} variadic)`}${fedBy.length ? `, fed by ${fedBy.join(", ")}` : ", free"}`;
      })
      .join("\n");
  const status = () =>
    `Outputs of '${from.component}':\n${outputsText() || "  (none)"}\nInputs of '${to.component}':\n${inputsText() || "  (none)"}`;

  if (outputs.length === 0) throw new PipelineConnectError(`'${from.component}' has no outputs to connect.`);
  if (from.socket !== undefined && !outputs.some(([name]) => name === from.socket)) {
    throw new PipelineConnectError(`'${sender}' does not exist.\n${status()}`);
  }
  if (to.socket !== undefined && !inputs.some(([name]) => name === to.socket)) {
    throw new PipelineConnectError(`'${receiver}' does not exist.\n${status()}`);
  }

  let candidates: Candidate[] = [];
  for (const [output, outputType] of outputs) {
    if (from.socket !== undefined && output !== from.socket) continue;
    for (const [input, socket] of inputs) {
      if (to.socket !== undefined && input !== to.socket) continue;
      if (isAssignable(outputType, socket.type)) {
        candidates.push({ output, outputType, input, inputType: socket.type, conversion: undefined });
      } else {
        const conversion = findConversion(outputType, socket.type);
        if (conversion) candidates.push({ output, outputType, input, inputType: socket.type, conversion });
      }
    }
  }
  if (candidates.length > 1 && candidates.some((candidate) => !candidate.conversion)) {
    candidates = candidates.filter((candidate) => !candidate.conversion);
  }
  if (candidates.length > 1) {
    const sameName = candidates.filter((candidate) => candidate.output === candidate.input);
    if (sameName.length === 1) candidates = sameName;
  }
  if (candidates.length === 0) {
    const what =
      from.socket !== undefined && to.socket !== undefined
        ? `'${sender}' (${outputs.find(([n]) => n === from.socket)![1].name}) cannot feed '${receiver}' (${inputs.find(([n]) => n === to.socket)![1].type.name}): the types do not match and no conversion applies.`
        : `no output of '${from.component}' fits an input of '${to.component}'.`;
    throw new PipelineConnectError(`Cannot connect ${what}\n${status()}`);
  }
  if (candidates.length > 1) {
    const options = candidates
      .map((c) => `connect("${from.component}.${c.output}", "${to.component}.${c.input}")`)
      .join(" or ");
    throw new PipelineConnectError(
      `Cannot connect '${sender}' to '${receiver}': more than one pairing fits. Name the sockets: ${options}.\n${status()}`,
    );
  }

  const chosen = candidates[0]!;
  const existing = graph.sendersOf(to.component, chosen.input);
  if (existing.some((c) => c.sender === from.component && c.output === chosen.output)) {
    throw new PipelineConnectError(
      `'${from.component}.${chosen.output}' is already connected to '${to.component}.${chosen.input}'.`,
    );
  }
  const socket = inputs.find(([name]) => name === chosen.input)![1];
  const joinsLists =
    chosen.inputType.kind === "list" ||
    (chosen.inputType.kind === "union" &&
      chosen.inputType.members!.every((m) => m.kind === "list" || m.kind === "null" || m.kind === "undefined"));
  if (existing.length > 0 && socket.variadic === "none" && !joinsLists) {
    throw new PipelineConnectError(
      `'${to.component}.${chosen.input}' (${chosen.inputType.name}) is already fed by ${existing.map((c) => `'${c.sender}.${c.output}'`).join(", ")}. ` +
        "Only list and variadic sockets take several senders: put a joiner in front of it, or connect another socket.\n" +
        status(),
    );
  }
  return {
    sender: from.component,
    output: chosen.output,
    receiver: to.component,
    input: chosen.input,
    ...(chosen.conversion ? { conversion: chosen.conversion } : {}),
  };
}
