import type { AnyComponent, RunContext } from "../component/component.js";
import type { LoadContext } from "../component/registry.js";
import { PipelineDefinitionError } from "../errors/pipeline-errors.js";
import type { InputSocket, SocketType } from "../types/socket-type.js";
import { parseAddress } from "./connect.js";
import type { Pipeline } from "./pipeline.js";
import { type PipelineJSON, pipelineFromJSON, pipelineToJSON } from "./serialize-pipeline.js";

export interface PipelineComponentOptions {
  pipeline: Pipeline<any>;
  /**
   * Outer input name → the inner sockets it feeds (`"retriever.query"` or a list of them). By default every free
   * inner input is exposed under its own name, which must then be unambiguous.
   */
  inputs?: Record<string, string | string[]>;
  /** Outer output name → inner output (`"llm.replies"`). By default every output the pipeline returns, by its name. */
  outputs?: Record<string, string>;
}

const TYPE = "trama.PipelineComponent";

/**
 * A pipeline wrapped as one component, with its inputs and outputs mapped to sockets of its own. Chunks streamed
 * inside reach the outer stream; cancellation reaches inside.
 */
export class PipelineComponent implements AnyComponent {
  static readonly type = TYPE;
  readonly type = TYPE;
  readonly inputs: Record<string, InputSocket>;
  readonly outputs: Record<string, SocketType>;
  readonly pipeline: Pipeline<any>;
  readonly #inputMap: Record<string, string[]>;
  readonly #outputMap: Record<string, { component: string; socket: string }>;

  constructor(options: PipelineComponentOptions) {
    this.pipeline = options.pipeline;
    const graph = options.pipeline.graph.compile();
    const innerInput = (address: string) => {
      const { component, socket } = parseAddress(address);
      const node = graph.byName.get(component);
      const input = node && socket !== undefined ? node.inputs[node.inputIndex.get(socket) ?? -1] : undefined;
      if (!input)
        throw new PipelineDefinitionError(
          `PipelineComponent input mapping names '${address}', which is not an input of the wrapped pipeline.`,
        );
      return input;
    };
    const inputMap: Record<string, string[]> = options.inputs
      ? Object.fromEntries(
          Object.entries(options.inputs).map(([name, targets]) => [
            name,
            typeof targets === "string" ? [targets] : targets,
          ]),
        )
      : defaultInputMap(options.pipeline);
    this.#inputMap = inputMap;
    this.inputs = Object.fromEntries(
      Object.entries(inputMap).map(([name, targets]) => {
        const sockets = targets.map(innerInput);
        const mandatory = sockets.some((socket) => socket.mandatory && socket.senders.length === 0);
        return [
          name,
          {
            type: sockets[0]!.type,
            mandatory,
            default: sockets[0]!.defaultValue,
            variadic: "none",
          } satisfies InputSocket,
        ];
      }),
    );
    const outputMap = options.outputs ?? defaultOutputMap(options.pipeline);
    this.#outputMap = {};
    this.outputs = {};
    for (const [inner, outer] of Object.entries(outputMap)) {
      const { component, socket } = parseAddress(inner);
      const type =
        socket === undefined
          ? undefined
          : (graph.byName.get(component)?.component.outputs as Record<string, SocketType> | undefined)?.[socket];
      if (!type || socket === undefined)
        throw new PipelineDefinitionError(
          `PipelineComponent output mapping names '${inner}', which is not an output of the wrapped pipeline.`,
        );
      this.#outputMap[outer] = { component, socket };
      this.outputs[outer] = type;
    }
  }

  warmUp(): Promise<void> {
    return this.pipeline.warmUp();
  }

  async run(inputs: Record<string, unknown>, context: RunContext): Promise<Record<string, unknown>> {
    const inner: Record<string, Record<string, unknown>> = {};
    for (const [name, targets] of Object.entries(this.#inputMap)) {
      if (inputs[name] === undefined) continue;
      for (const target of targets) {
        const { component, socket } = parseAddress(target);
        inner[component] ??= {};
        inner[component][socket!] = inputs[name];
      }
    }
    const include = [...new Set(Object.values(this.#outputMap).map((output) => output.component))];
    let result: Record<string, Record<string, unknown>>;
    if (context.streaming) {
      const stream = this.pipeline.stream(inner, { includeOutputsFrom: include, signal: context.signal });
      for await (const event of stream) if (event.type === "node-chunk") context.emit(event.chunk);
      result = (await stream.result) as Record<string, Record<string, unknown>>;
    } else {
      result = (await this.pipeline.run(inner, { includeOutputsFrom: include, signal: context.signal })) as Record<
        string,
        Record<string, unknown>
      >;
    }
    const outputs: Record<string, unknown> = {};
    for (const [outer, { component, socket }] of Object.entries(this.#outputMap)) {
      const value = result[component]?.[socket];
      if (value !== undefined) outputs[outer] = value;
    }
    return outputs;
  }

  toConfig(): Record<string, unknown> {
    return {
      pipeline: pipelineToJSON(this.pipeline),
      inputs: this.#inputMap,
      outputs: Object.fromEntries(
        Object.entries(this.#outputMap).map(([outer, o]) => [`${o.component}.${o.socket}`, outer]),
      ),
    };
  }

  /** Rebuilds from `toConfig()` output, with the component types of the registry loading the file. */
  static fromConfig(config: Record<string, unknown>, context: LoadContext): PipelineComponent {
    return new PipelineComponent({
      pipeline: pipelineFromJSON(config.pipeline as PipelineJSON, { registry: context.registry }),
      inputs: config.inputs as Record<string, string[]>,
      outputs: config.outputs as Record<string, string>,
    });
  }
}

function defaultInputMap(pipeline: Pipeline<any>): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const [component, sockets] of Object.entries(pipeline.inputs())) {
    for (const socket of Object.keys(sockets)) {
      map[socket] ??= [];
      map[socket].push(`${component}.${socket}`);
    }
  }
  return map;
}

function defaultOutputMap(pipeline: Pipeline<any>): Record<string, string> {
  const map: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const [component, sockets] of Object.entries(pipeline.outputs())) {
    for (const socket of Object.keys(sockets)) {
      if (seen.has(socket)) {
        throw new PipelineDefinitionError(
          `Both '${seen.get(socket)}.${socket}' and '${component}.${socket}' would be output '${socket}': pass an outputs mapping to PipelineComponent.`,
        );
      }
      seen.set(socket, component);
      map[`${component}.${socket}`] = socket;
    }
  }
  return map;
}
