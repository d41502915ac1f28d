import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";
import { Add, Collect, deferred, Gate } from "./test-components.js";

describe("scheduling", () => {
  it("runs independent branches concurrently: one branch finishes while the other is still waiting", async () => {
    const slow = deferred();
    const pipeline = new Pipeline()
      .add("slow", Gate({ open: slow.promise }))
      .add("fast1", Add())
      .add("fast2", Add())
      .add("fast3", Add())
      .connect("fast1", "fast2.value")
      .connect("fast2", "fast3.value");
    const order: string[] = [];
    const stream = pipeline.stream({ slow: { value: 0 }, fast1: { value: 0 } });
    for await (const event of stream) {
      if (event.type === "node-end") {
        order.push(event.component);
        // The slow branch is released only once the fast branch is done: a scheduler that waited for the slow
        // component before running the next step of the other branch would never get here.
        if (event.component === "fast3") slow.resolve();
      }
    }
    expect(order).toEqual(["fast1", "fast2", "fast3", "slow"]);
    expect(await stream.result).toEqual({ slow: { value: 0 }, fast3: { result: 3 } });
  });

  it("joins the values of several senders in a deterministic order, whatever order they finish in", async () => {
    for (const releaseOrder of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 2, 0],
    ]) {
      const gates = [deferred(), deferred(), deferred()];
      const started: number[] = [];
      const pipeline = new Pipeline();
      pipeline.add("join", Collect());
      gates.forEach((gate, index) => {
        pipeline.add(`g${index}`, Gate({ open: gate.promise, onStart: () => started.push(index) }));
        pipeline.connect(`g${index}`, "join");
      });
      const run = pipeline.run({ g0: { value: 10 }, g1: { value: 11 }, g2: { value: 12 } });
      await Promise.resolve();
      for (const index of releaseOrder) gates[index]!.resolve();
      expect(await run).toEqual({ join: { values: [10, 11, 12] } });
      expect(started).toEqual([0, 1, 2]);
    }
  });

  it("never runs more components at once than the concurrency limit", async () => {
    let running = 0;
    let peak = 0;
    const Slow = defineComponent({
      type: "test.Slow",
      inputs: { value: t.number },
      outputs: { value: t.number },
      run: async ({ value }) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return { value };
      },
    });
    const pipeline = new Pipeline({ concurrency: 2 });
    for (let index = 0; index < 6; index++) pipeline.add(`s${index}`, Slow());
    const inputs = Object.fromEntries([...Array(6).keys()].map((index) => [`s${index}`, { value: index }]));
    await pipeline.run(inputs);
    expect(peak).toBe(2);
    await pipeline.run(inputs, { concurrency: 6 });
    expect(peak).toBe(6);
  });

  it("runs nothing behind a branch not taken, even components whose inputs all have defaults", async () => {
    const Route = defineComponent({
      type: "test.Route",
      inputs: { value: t.number },
      outputs: { even: t.number, odd: t.number },
      run: ({ value }) => (value % 2 ? { odd: value } : { even: value }),
    });
    const Defaults = defineComponent({
      type: "test.Defaults",
      inputs: { value: t.number.default(100) },
      outputs: { value: t.number },
      run: ({ value }) => ({ value }),
    });
    const pipeline = new Pipeline()
      .add("route", Route())
      .add("onEven", Defaults())
      .add("afterEven", Defaults())
      .add("onOdd", Add())
      .connect("route.even", "onEven")
      .connect("onEven", "afterEven")
      .connect("route.odd", "onOdd.value");
    const ran: string[] = [];
    const stream = pipeline.stream({ route: { value: 3 } });
    for await (const event of stream) if (event.type === "node-start") ran.push(event.component);
    expect(ran).toEqual(["route", "onOdd"]);
    expect(await stream.result).toEqual({ onOdd: { result: 4 } });
  });

  it("copies a value sent to several receivers, so one receiver's changes never reach another", async () => {
    const Make = defineComponent({
      type: "test.Make",
      inputs: {},
      outputs: { list: t.list(t.string) },
      run: () => ({ list: ["a"] }),
    });
    const Mutate = defineComponent({
      type: "test.Mutate",
      inputs: { list: t.list(t.string) },
      outputs: { list: t.list(t.string) },
      run: ({ list }) => {
        list.push("changed");
        return { list };
      },
    });
    const pipeline = new Pipeline()
      .add("make", Make())
      .add("m1", Mutate())
      .add("m2", Mutate())
      .connect("make", "m1")
      .connect("make", "m2");
    expect(await pipeline.run({})).toEqual({ m1: { list: ["a", "changed"] }, m2: { list: ["a", "changed"] } });
  });
});

describe("warm-up", () => {
  it("warms each component up once, before its first run, however many runs follow", async () => {
    let warmUps = 0;
    const Heavy = defineComponent({
      type: "test.Heavy",
      inputs: { value: t.number },
      outputs: { value: t.number },
      state: () => ({ loaded: false }),
      warmUp: async ({ state }) => {
        warmUps++;
        await new Promise((resolve) => setImmediate(resolve));
        state.loaded = true;
      },
      run: ({ value }, { state }) => {
        if (!state.loaded) throw new Error("used before warm-up");
        return { value };
      },
    });
    const pipeline = new Pipeline().add("heavy", Heavy());
    await Promise.all([pipeline.run({ heavy: { value: 1 } }), pipeline.run({ heavy: { value: 2 } })]);
    await pipeline.run({ heavy: { value: 3 } });
    expect(warmUps).toBe(1);
  });
});
