import { defineComponent, type SocketType, t, toSocketType } from "@trama/core";
import { compileTemplate } from "../templates/jinja.js";

export interface OutputAdapterParams {
  /** A Jinja template over the inputs, such as `"{{ replies[0] }}"`. */
  template: string;
  /** The output's type, or its name. A string type renders text; other types evaluate the expression to a value. */
  outputType: SocketType | string;
}

/** Reshapes data with a sandboxed Jinja expression: pick a field, join strings, build a list. */
export const OutputAdapter = defineComponent({
  type: "trama.OutputAdapter",
  state: (params: OutputAdapterParams) => ({
    template: compileTemplate(params.template),
    type: toSocketType(params.outputType),
  }),
  inputs: (params: OutputAdapterParams) =>
    Object.fromEntries(compileTemplate(params.template).variables.map((name) => [name, t.any])),
  outputs: (params: OutputAdapterParams) => ({ output: toSocketType(params.outputType) }),
  run: (inputs, { state }) => ({
    output: state.type.kind === "string" ? state.template.render(inputs) : state.template.evaluate(inputs),
  }),
});
