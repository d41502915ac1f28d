import { defineComponent, t } from "@trama/core";

/** Collects the strings of every connected sender into one list. */
export const StringJoiner = defineComponent({
  type: "trama.StringJoiner",
  inputs: { strings: t.string.variadic() },
  outputs: { strings: t.list(t.string) },
  run: ({ strings }) => ({ strings }),
});
