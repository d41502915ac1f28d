import { type InputSocket, PipelineInputError, type SocketType, t } from "@trama/core";

/** Sockets named by a template's variables: any name, so the compiler accepts connections to them. */
export type VariableSockets = Record<string, SocketType<any> | InputSocket<any, "none">>;

/** Template variables as input sockets: required ones mandatory, the others defaulting to an empty string. */
export function variableSockets(
  variables: readonly string[],
  required: readonly string[] | "*" | undefined,
): VariableSockets {
  const sockets: VariableSockets = {};
  for (const name of variables) {
    sockets[name] = required === "*" || required?.includes(name) ? t.any : t.any.default("");
  }
  return sockets;
}

/** Variables for rendering: the inputs, then `templateVariables` on top. Throws naming required ones left empty. */
export function collectVariables(
  inputs: Record<string, unknown>,
  required: readonly string[] | "*" | undefined,
  declared: readonly string[],
  component: string,
): Record<string, unknown> {
  const { template: _template, templateVariables, ...rest } = inputs;
  const variables = { ...rest, ...((templateVariables as Record<string, unknown> | undefined) ?? {}) };
  const needed = required === "*" ? declared : (required ?? []);
  const missing = needed.filter((name) => variables[name] === undefined);
  if (missing.length) {
    throw new PipelineInputError(
      `'${component}' is missing required template variables: ${missing.join(", ")}. Connect or pass them.`,
    );
  }
  return variables;
}

/** The sockets every template builder has besides its variables. */
export interface TemplateSockets<T> {
  template: InputSocket<T | undefined, "none">;
  templateVariables: InputSocket<Record<string, unknown> | undefined, "none">;
}
