/** The three workloads written with Trama. */
import { BranchJoiner } from "@trama/components";
import { defineComponent, Pipeline, t } from "@trama/core";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const Increment = defineComponent({
  type: "bench.Increment",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: async ({ value }) => ({ value: value + 1 }),
});

const Wait = defineComponent({
  type: "bench.Wait",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: async ({ value }, { params }) => {
    await sleep(params.ms);
    return { value: value + params.offset };
  },
});

const Join = defineComponent({
  type: "bench.Join",
  inputs: { values: t.number.variadic() },
  outputs: { count: t.number },
  run: async ({ values }) => ({ count: values.length }),
});

/** Sends the count back into the loop until it reaches the limit. */
const Route = defineComponent({
  type: "bench.Route",
  inputs: { count: t.number },
  outputs: { again: t.number, done: t.number },
  run: async ({ count }, { params }) => (count + 1 < params.limit ? { again: count + 1 } : { done: count + 1 }),
});

export const trama = {
  chain(length) {
    const pipeline = new Pipeline();
    for (let i = 0; i < length; i++) {
      pipeline.add(`s${i}`, Increment());
      if (i > 0) pipeline.connect(`s${i - 1}`, `s${i}`);
    }
    return () => pipeline.run({ s0: { value: 0 } });
  },
  parallel(branches, waitMs) {
    const pipeline = new Pipeline({ concurrency: branches }).add("start", Increment()).add("join", Join());
    for (let i = 0; i < branches; i++) {
      pipeline.add(`b${i}`, Wait({ ms: waitMs, offset: i }));
      pipeline.connect("start", `b${i}`);
      pipeline.connect(`b${i}`, "join");
    }
    return () => pipeline.run({ start: { value: 0 } });
  },
  loop(iterations) {
    const pipeline = new Pipeline({ maxRunsPerComponent: iterations + 1 })
      .add("join", BranchJoiner({ type: t.number }))
      .add("route", Route({ limit: iterations }))
      .connect("join", "route.count")
      .connect("route.again", "join.value");
    return () => pipeline.run({ join: { value: 0 } });
  },
};
