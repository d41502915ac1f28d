import { defineComponent, type InputSocket, type SocketType, TramaError, t, toSocketType } from "@trama/core";
import { type CompiledTemplate, compileTemplate } from "../templates/jinja.js";

/** One route: when `condition` holds, the router emits `output` on `outputName`. */
export interface Route {
  /** A Jinja expression such as `"{{ replies[0] == 'FAIL' }}"`. */
  condition: string;
  /** Templates of the values to emit, such as `"{{ replies }}"`; one per output name. */
  output: string | string[];
  outputName: string | string[];
  /** Socket types (or their names) of the outputs. */
  outputType: SocketType | string | Array<SocketType | string>;
}

export interface ConditionalRouterParams {
  routes: Route[];
  /** Variables that may be missing: they default to `undefined` instead of being mandatory inputs. */
  optionalVariables?: string[];
}

/** No route's condition held. */
export class NoRouteSelectedError extends TramaError {}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

interface CompiledRoute {
  condition: CompiledTemplate;
  outputs: Array<{ name: string; template: CompiledTemplate }>;
}

/**
 * Routes data by the first route whose condition holds, emitting only on that route's outputs: components behind the
 * other routes do not run. Conditions and outputs are sandboxed Jinja expressions evaluated to real values
 * (`{{ documents }}` emits the documents themselves).
 */
export const ConditionalRouter = defineComponent({
  type: "trama.ConditionalRouter",
  state: (params: ConditionalRouterParams): CompiledRoute[] => compileRoutes(params.routes),
  inputs: (params: ConditionalRouterParams) => {
    const sockets: Record<string, SocketType | InputSocket> = {};
    for (const route of compileRoutes(params.routes)) {
      for (const template of [route.condition, ...route.outputs.map((output) => output.template)]) {
        for (const name of template.variables)
          sockets[name] = params.optionalVariables?.includes(name) ? t.any.optional() : t.any;
      }
    }
    return sockets;
  },
  outputs: (params: ConditionalRouterParams) => {
    const sockets: Record<string, SocketType> = {};
    for (const route of params.routes) {
      const names = list(route.outputName);
      const types = list(route.outputType);
      names.forEach((name, index) => {
        sockets[name] = toSocketType(types[index]);
      });
    }
    return sockets;
  },
  run: (inputs, { state }, context) => {
    for (const route of state) {
      if (!truthy(route.condition.evaluate(inputs))) continue;
      const outputs: Record<string, unknown> = {};
      for (const output of route.outputs) outputs[output.name] = output.template.evaluate(inputs);
      return outputs;
    }
    throw new NoRouteSelectedError(
      `'${context.component}': no route's condition holds. Conditions: ${state.map((route) => route.condition.source).join(" | ")}. Add a route for this case, such as a final one with condition "{{ true }}".`,
    );
  },
});

function compileRoutes(routes: Route[]): CompiledRoute[] {
  if (!Array.isArray(routes) || routes.length === 0)
    throw new TramaError("ConditionalRouter needs at least one route.");
  return routes.map((route, index) => {
    for (const key of ["condition", "output", "outputName", "outputType"] as const) {
      if (route[key] === undefined)
        throw new TramaError(`Route ${index + 1} of the ConditionalRouter has no '${key}'.`);
    }
    const outputs = list(route.output);
    const names = list(route.outputName);
    if (outputs.length !== names.length || list(route.outputType).length !== names.length) {
      throw new TramaError(`Route ${index + 1} must have as many outputs, output names and output types.`);
    }
    return {
      condition: compileTemplate(route.condition),
      outputs: names.map((name, position) => ({ name, template: compileTemplate(outputs[position]!) })),
    };
  });
}

/** Truth as templates mean it: empty lists, objects and strings are false, and so is the text "False". */
function truthy(value: unknown): boolean {
  if (typeof value === "string") {
    const text = value.trim();
    return text !== "" && text !== "False" && text !== "false" && text !== "None";
  }
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}
