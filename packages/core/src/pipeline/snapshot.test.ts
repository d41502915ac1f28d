import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { ChatMessage, chatMessageType } from "../data/chat-message.js";
import { PipelineBreakpoint, PipelineRuntimeError } from "../errors/pipeline-errors.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";
import { snapshotFromJSON, snapshotToJSON } from "./snapshot.js";
import { Add, Double } from "./test-components.js";

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
});
