import type { SocketType } from "../types/socket-type.js";
import type { PipelineGraph } from "./graph.js";

/**
 * Mermaid text of a pipeline: components with their types, connections labelled with sockets and types (dotted when
 * the input is optional), and the run's free inputs and outputs. Produced locally; paste it into any Mermaid viewer.
 */
export function drawMermaid(graph: PipelineGraph): string {
  const compiled = graph.compile();
  const id = (name: string) => `c${compiled.byName.get(name)!.index}`;
  const lines = ["graph TD;"];
  for (const node of compiled.nodes) {
    lines.push(
      `  ${id(node.name)}["<b>${escapeHtml(node.name)}</b><br><small><i>${escapeHtml(node.component.type)}</i></small>"]:::component;`,
    );
  }
  for (const connection of graph.connections) {
    const node = compiled.byName.get(connection.receiver)!;
    const input = node.inputs[node.inputIndex.get(connection.input)!]!;
    const type = (graph.components.get(connection.sender)!.outputs as Record<string, SocketType>)[connection.output]!;
    const via = connection.conversion ? ` (${connection.conversion.name})` : "";
    const label = `"${escapeHtml(connection.output)} → ${escapeHtml(connection.input)}<br><small><i>${escapeHtml(type.name)}${via}</i></small>"`;
    const arrow = input.mandatory ? `-- ${label} -->` : `-. ${label} .->`;
    lines.push(`  ${id(connection.sender)} ${arrow} ${id(connection.receiver)};`);
  }
  let freeInputs = false;
  let freeOutputs = false;
  for (const node of compiled.nodes) {
    for (const input of node.inputs) {
      if (input.senders.length > 0) continue;
      freeInputs = true;
      const label = `"${escapeHtml(input.name)}<br><small><i>${escapeHtml(input.type.name)}${input.mandatory ? "" : ", optional"}</i></small>"`;
      lines.push(`  runInputs ${input.mandatory ? `-- ${label} -->` : `-. ${label} .->`} ${id(node.name)};`);
    }
    const declared = node.component.outputs as Record<string, SocketType>;
    for (const output of node.outputs) {
      if (node.connectedOutputs.has(output)) continue;
      freeOutputs = true;
      lines.push(
        `  ${id(node.name)} -- "${escapeHtml(output)}<br><small><i>${escapeHtml(declared[output]!.name)}</i></small>" --> runOutputs;`,
      );
    }
  }
  if (freeInputs) lines.splice(1, 0, `  runInputs([run inputs]):::io;`);
  if (freeOutputs) lines.splice(1, 0, `  runOutputs([run outputs]):::io;`);
  lines.push("  classDef component text-align:center;", "  classDef io fill:#eef,stroke:#99c;");
  return lines.join("\n");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
