import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { ChatMessage, chatMessageType } from "../data/chat-message.js";
import { PipelineBreakpoint, PipelineRuntimeError } from "../errors/pipeline-errors.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";
import { snapshotFromJSON, snapshotToJSON } from "./snapshot.js";
import { Add, Collect, Double } from "./test-components.js";

/** Fails until told otherwise, like a flaky service. */
const Flaky = defineComponent({
  type: "test.Flaky",
  inputs: { value: t.number },
  outputs: { value: t.number, message: chatMessageType },
  state: () => ({ healthy: false }),
  run: ({ value }, { state }) => {
    if (!state.healthy) throw new Error("service unavailable");
    return { value: value + 100, message: ChatMessage.assistant(`got ${value}`) };
  },
});

const build = () =>
  new Pipeline()
    .add("first", Add({ add: 1 }))
    .add("double", Double())
    .add("flaky", Flaky())
    .add("last", Add({ add: 1 }))
    .connect("first", "double")
    .connect("double", "flaky")
    .connect("flaky.value", "last.value");

describe("snapshots", () => {
  it("attaches a snapshot to a failure, and resuming from it finishes the run as if nothing had failed", async () => {
    const pipeline = build();
    const error = await pipeline.run({ first: { value: 1 } }).catch((caught) => caught);
    expect(PipelineRuntimeError.isInstance(error)).toBe(true);
    expect(error.message).toBe("Component 'flaky' (test.Flaky) failed on visit 1: service unavailable");
    expect(error.snapshot.at).toEqual({ component: "flaky", visit: 1 });
    // The snapshot survives JSON, messages and the "no output" marker included.
    const snapshot = snapshotFromJSON(snapshotToJSON(error.snapshot));
    pipeline.get("flaky").state.healthy = true;
    const resumed = await pipeline.run({}, { resume: snapshot });
    const uninterrupted = await build()
      .run({ first: { value: 1 } })
      .catch(() => "fails");
    expect(uninterrupted).toBe("fails");
    expect(resumed).toEqual({ last: { result: 105 }, flaky: { message: ChatMessage.assistant("got 4") } });
    expect(resumed.flaky?.message).toBeInstanceOf(ChatMessage);
  });

  it("stops at a breakpoint before a component and resumes from there", async () => {
    const pipeline = build();
    pipeline.get("flaky").state.healthy = true;
    const stop = await pipeline
      .run({ first: { value: 1 } }, { breakpoints: [{ component: "flaky" }] })
      .catch((caught) => caught);
    expect(PipelineBreakpoint.isInstance(stop)).toBe(true);
    expect(stop.snapshot.at).toEqual({ component: "flaky", visit: 1 });
    expect(stop.snapshot.visits).toEqual({ double: 1, first: 1, flaky: 0, last: 0 });
    const result = await pipeline.run({}, { resume: stop.snapshot, breakpoints: [{ component: "flaky" }] });
    expect(result.last).toEqual({ result: 105 });
  });

  it("refuses a snapshot of another pipeline", async () => {
    const pipeline = build();
    const stop = await pipeline
      .run({ first: { value: 1 } }, { breakpoints: [{ component: "double" }] })
      .catch((caught) => caught);
    const other = new Pipeline().add("first", Add());
    await expect(other.run({}, { resume: stop.snapshot })).rejects.toThrow(
      /taken from a pipeline with components \[double, first, flaky, last\]/,
    );
  });

  it("resumes exactly from JSON.stringify, branch markers and messages included, and refuses unencoded copies", async () => {
    // A branch not taken leaves a marker in the joiner's sockets; it must survive the round trip.
    const pick = () =>
      new Pipeline()
        .add("route", Route())
        .add("left", Double())
        .add("right", Add({ add: 1000 }))
        .add("collect", Collect())
        .add("sum", Sum())
        .add("flaky", Flaky())
        .connect("route.left", "left.value")
        .connect("route.right", "right.value")
        .connect("left.value", "collect.values")
        .connect("right.result", "collect.values")
        .connect("collect.values", "sum.values")
        .connect("sum.value", "flaky.value");
    const pipeline = pick();
    const error = await pipeline.run({ route: { value: 4 } }).catch((caught) => caught);
    expect(PipelineRuntimeError.isInstance(error)).toBe(true);
    pipeline.get("flaky").state.healthy = true;
    const viaStringify = JSON.parse(JSON.stringify(error.snapshot));
    const expected = { flaky: { value: 108, message: ChatMessage.assistant("got 8") } };
    expect(await pipeline.run({}, { resume: viaStringify })).toEqual(expected);
    expect(await pipeline.run({}, { resume: snapshotFromJSON(JSON.stringify(error.snapshot)) })).toEqual(expected);
    const copied = JSON.parse(JSON.stringify({ ...error.snapshot }));
    await expect(pipeline.run({}, { resume: copied })).rejects.toThrow(/copied without its encoding/);
    expect(() => snapshotFromJSON('{"version": 1}')).toThrow(/not a Trama snapshot/);
  });
});

/** Routes a value to `left` (even) or `right` (odd): the branch not taken gets a "no output" marker. */
const Route = defineComponent({
  type: "test.Route",
  inputs: { value: t.number },
  outputs: { left: t.number, right: t.number },
  run: ({ value }) => (value % 2 === 0 ? { left: value } : { right: value }),
});

const Sum = defineComponent({
  type: "test.Sum",
  inputs: { values: t.list(t.number) },
  outputs: { value: t.number },
  run: ({ values }) => ({ value: values.reduce((total, value) => total + value, 0) }),
});
