import { defineComponent, t } from "@trama/core";
import { compileTemplate } from "../templates/jinja.js";
import { collectVariables, type TemplateSockets, type VariableSockets, variableSockets } from "./template-inputs.js";

export interface PromptBuilderParams {
  /** A Jinja template, such as `"Answer {{ question }} using {% for d in documents %}{{ d.content }}{% endfor %}"`. */
  template: string;
  /** The variables to expose as inputs; by default those the template reads. */
  variables?: string[];
  /** Variables that must be given (`"*"` for all); the others default to an empty string. */
  requiredVariables?: string[] | "*";
}

/**
 * Renders a text prompt from a Jinja template. Each template variable is an input socket; `template` replaces the
 * template for one run and `templateVariables` overrides inputs. The template runs sandboxed: no code execution.
 */
export const PromptBuilder = defineComponent({
  type: "trama.PromptBuilder",
  state: (params: PromptBuilderParams) => ({ template: compileTemplate(params.template) }),
  inputs: (params: PromptBuilderParams): VariableSockets & TemplateSockets<string> => ({
    ...variableSockets(params.variables ?? compileTemplate(params.template).variables, params.requiredVariables),
    template: t.string.optional(),
    templateVariables: t.record(t.any).optional(),
  }),
  outputs: { prompt: t.string },
  run: (inputs, { params, state }, context) => {
    const template = inputs.template === undefined ? state.template : compileTemplate(inputs.template);
    const declared = params.variables ?? state.template.variables;
    const variables = collectVariables(inputs, params.requiredVariables, declared, context.component);
    return { prompt: template.render(variables) };
  },
});
