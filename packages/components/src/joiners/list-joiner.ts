import {
  type DefinedComponent,
  defineComponent,
  type InputSocket,
  type SocketType,
  t,
  toSocketType,
} from "@trama/core";

export interface ListJoinerParams {
  /** The list type joined, such as `t.list(t.string)` or `"list<Document>"`. Default: list of any. */
  type?: SocketType | string;
}

const factory = defineComponent({
  type: "trama.ListJoiner",
  inputs: (params: ListJoinerParams) => ({ values: toSocketType(params.type, t.list(t.any)).variadic() }),
  outputs: (params: ListJoinerParams) => ({ values: toSocketType(params.type, t.list(t.any)) }),
  run: ({ values }) => ({ values: (values as unknown[][]).flat() }),
});

/** Waits for every connected sender and concatenates their lists, in the run's deterministic order. */
export function ListJoiner<T = unknown>(
  params: { type?: SocketType<T[]> | string } = {},
): DefinedComponent<ListJoinerParams, { values: InputSocket<T[], "lazy"> }, { values: SocketType<T[]> }, undefined> {
  return factory(params) as never;
}
ListJoiner.type = factory.type;
ListJoiner.fromConfig = factory.fromConfig;
