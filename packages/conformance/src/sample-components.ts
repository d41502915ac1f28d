/**
 * Trama versions of Haystack's `testing.sample_components`, used by the ported scenarios: small components with
 * exactly the behaviour of the originals.
 */
import { defineComponent, t } from "@trama/core";

export const AddFixedValue = defineComponent({
  type: "sample.AddFixedValue",
  inputs: { value: t.number, add: t.number.optional() },
  outputs: { result: t.number },
  run: ({ value, add }, { params }: { params: { add?: number } }) => ({ result: value + (add ?? params.add ?? 1) }),
});

export const Double = defineComponent({
  type: "sample.Double",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: ({ value }) => ({ value: value * 2 }),
});

export const Parity = defineComponent({
  type: "sample.Parity",
  inputs: { value: t.number },
  outputs: { even: t.number, odd: t.number },
  run: ({ value }) => (value % 2 ? { odd: value } : { even: value }),
});

export const Threshold = defineComponent({
  type: "sample.Threshold",
  inputs: { value: t.number, threshold: t.number.optional() },
  outputs: { above: t.number, below: t.number },
  run: ({ value, threshold }, { params }: { params: { threshold?: number } }) =>
    value < (threshold ?? params.threshold ?? 10) ? { below: value } : { above: value },
});

export const Remainder = defineComponent({
  type: "sample.Remainder",
  inputs: { value: t.number },
  outputs: (params: { divisor?: number }) =>
    Object.fromEntries(Array.from({ length: params.divisor ?? 3 }, (_, index) => [`remainder_is_${index}`, t.number])),
  run: ({ value }, { params }) => ({ [`remainder_is_${value % (params.divisor ?? 3)}`]: value }),
});

export const Sum = defineComponent({
  type: "sample.Sum",
  inputs: { values: t.number.variadic() },
  outputs: { total: t.number },
  run: ({ values }) => ({ total: values.reduce((sum, value) => sum + value, 0) }),
});

export const Subtract = defineComponent({
  type: "sample.Subtract",
  inputs: { first_value: t.number, second_value: t.number },
  outputs: { difference: t.number },
  run: ({ first_value, second_value }) => ({ difference: first_value - second_value }),
});

/** Keeps a running total across runs. */
export const Accumulate = defineComponent({
  type: "sample.Accumulate",
  state: () => ({ total: 0 }),
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: ({ value }, { state }) => {
    state.total += value;
    return { value: state.total };
  },
});

export const Greet = defineComponent({
  type: "sample.Greet",
  inputs: { value: t.number, message: t.string.optional(), log_level: t.string.optional() },
  outputs: { value: t.number },
  run: ({ value }) => ({ value }),
});

/** Sends its input unchanged on every output it was built with. */
export const Repeat = defineComponent({
  type: "sample.Repeat",
  inputs: { value: t.number },
  outputs: (params: { outputs: string[] }) => Object.fromEntries(params.outputs.map((name) => [name, t.number])),
  run: ({ value }, { params }) => Object.fromEntries(params.outputs.map((name) => [name, value])),
});

export const Hello = defineComponent({
  type: "sample.Hello",
  inputs: { word: t.string },
  outputs: { output: t.string },
  run: ({ word }) => ({ output: `Hello, ${word}!` }),
});

/** Python's `str.format` with named fields, on a template given at construction or per run. */
export const FString = defineComponent({
  type: "sample.FString",
  inputs: (params: { template: string; variables?: string[] }) => ({
    template: t.string.optional(),
    ...Object.fromEntries((params.variables ?? []).map((name) => [name, t.any])),
  }),
  outputs: { string: t.string },
  run: ({ template, ...variables }, { params }) => ({
    string: (template || params.template).replace(/\{(\w+)\}/g, (_, name: string) =>
      String((variables as Record<string, unknown>)[name]),
    ),
  }),
});

export const TextSplitter = defineComponent({
  type: "sample.TextSplitter",
  inputs: { sentence: t.string },
  outputs: { output: t.list(t.string) },
  run: ({ sentence }) => ({ output: sentence.split(/\s+/).filter(Boolean) }),
});

export const StringListJoiner = defineComponent({
  type: "sample.StringListJoiner",
  inputs: { inputs: t.list(t.string).variadic() },
  outputs: { output: t.list(t.string) },
  run: ({ inputs }) => ({ output: inputs.flat() }),
});

/** Replies with the given replies in turn, one per call, starting over at the end. */
export const FixedGenerator = defineComponent({
  type: "sample.FixedGenerator",
  state: () => ({ index: 0 }),
  inputs: { prompt: t.string },
  outputs: { replies: t.list(t.string) },
  run: (_inputs, { params, state }: { params: { replies: string[] }; state: { index: number } }) => {
    if (state.index >= params.replies.length) state.index = 0;
    return { replies: [params.replies[state.index++]!] };
  },
});
