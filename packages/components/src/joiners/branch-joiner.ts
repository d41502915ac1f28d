import {
  type DefinedComponent,
  defineComponent,
  type InputSocket,
  PipelineInputError,
  type SocketType,
  toSocketType,
} from "@trama/core";

export interface BranchJoinerParams {
  /** The type of the values joined; a socket type or its name (`"list<Document>"`). Default: any. */
  type?: SocketType | string;
}

const factory = defineComponent({
  type: "trama.BranchJoiner",
  inputs: (params: BranchJoinerParams) => ({ value: toSocketType(params.type).greedy() }),
  outputs: (params: BranchJoinerParams) => ({ value: toSocketType(params.type) }),
  run: ({ value }, _self, context) => {
    if (value.length !== 1) {
      throw new PipelineInputError(
        `'${context.component}' received ${value.length} values at once; a BranchJoiner passes on one value from whichever branch ran. Use a ListJoiner to collect several.`,
      );
    }
    return { value: value[0] };
  },
});

/**
 * Passes on the one value that arrives from any of several branches: the entry of a loop, or the merge point of
 * branches of which only one runs. Its input is greedy, so it runs as soon as a value arrives.
 */
export function BranchJoiner<T = unknown>(
  params: { type?: SocketType<T> | string } = {},
): DefinedComponent<BranchJoinerParams, { value: InputSocket<T, "greedy"> }, { value: SocketType<T> }, undefined> {
  return factory(params) as never;
}
BranchJoiner.type = factory.type;
BranchJoiner.fromConfig = factory.fromConfig;
