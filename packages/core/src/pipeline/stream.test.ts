import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { PipelineAbortedError } from "../errors/pipeline-errors.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";
import { Add } from "./test-components.js";

const Talker = defineComponent({
  type: "test.Talker",
  inputs: { words: t.list(t.string) },
  outputs: { text: t.string },
  run: async ({ words }, _self, context) => {
    for (const word of words) {
      await Promise.resolve();
      context.emit({ type: "text-delta", text: word });
    }
    return { text: words.join(" ") };
  },
});

/** Waits until its run is cancelled, then reports what the signal said. */
const WaitForAbort = defineComponent({
  type: "test.WaitForAbort",
  inputs: { value: t.number },
  outputs: { value: t.number },
  state: () => ({ reason: undefined as unknown, started: undefined as undefined | (() => void) }),
  run: ({ value }, { state }, { signal }) =>
    new Promise((resolve) => {
      state.started?.();
      signal.addEventListener("abort", () => {
        state.reason = signal.reason;
        resolve({ value });
      });
    }),
});

describe("stream", () => {
  it("streams node starts, chunks, ends and the result, in order", async () => {
    const pipeline = new Pipeline().add("talk", Talker());
    const stream = pipeline.stream({ talk: { words: ["hello", "world"] } });
    const events: string[] = [];
    for await (const event of stream) {
      if (event.type === "node-chunk") events.push(`chunk:${String(event.chunk.text)}`);
      else if (event.type === "node-start" || event.type === "node-end")
        events.push(`${event.type}:${event.component}#${event.visit}`);
      else events.push(event.type);
    }
    expect(events).toEqual([
      "run-start",
      "node-start:talk#1",
      "chunk:hello",
      "chunk:world",
      "node-end:talk#1",
      "run-end",
    ]);
    expect(await stream.result).toEqual({ talk: { text: "hello world" } });
  });

  it("reaches running components with the abort signal and stops the run with a snapshot", async () => {
    const waiter = WaitForAbort();
    const started = new Promise<void>((resolve) => {
      waiter.state.started = resolve;
    });
    const controller = new AbortController();
    const run = new Pipeline()
      .add("wait", waiter)
      .add("next", Add())
      .connect("wait", "next.value")
      .run({ wait: { value: 1 } }, { signal: controller.signal });
    await started;
    controller.abort(new Error("user pressed stop"));
    const error = await run.catch((caught) => caught);
    expect(PipelineAbortedError.isInstance(error)).toBe(true);
    expect(waiter.state.reason).toBe(error);
    expect(error.snapshot.reason).toBe("abort");
    expect(error.snapshot.sockets.wait.value).toEqual([{ sender: null, value: 1, wave: 0, order: 0, seq: -1 }]);
  });

  it("cancels the run when the consumer stops reading", async () => {
    const waiter = WaitForAbort();
    const stream = new Pipeline().add("wait", waiter).stream({ wait: { value: 1 } });
    for await (const event of stream) if (event.type === "node-start") break;
    await expect(stream.result).rejects.toThrow(PipelineAbortedError);
    expect(String((waiter.state.reason as Error).cause)).toMatch(/stopped reading/);
  });
});

describe("drained", () => {
  it("resolves once the consumer has handled every chunk emitted so far, and at once when nobody streams", async () => {
    const seen: string[] = [];
    const Burst = defineComponent({
      type: "test.Burst",
      inputs: { n: t.number },
      outputs: { seenWhenDrained: t.list(t.string) },
      run: async ({ n }, _self, context) => {
        for (let index = 0; index < n; index++) context.emit({ type: "text-delta", text: `c${index}` });
        await context.drained();
        return { seenWhenDrained: [...seen] };
      },
    });
    const pipeline = new Pipeline().add("burst", Burst());
    const stream = pipeline.stream({ burst: { n: 3 } });
    for await (const event of stream) if (event.type === "node-chunk") seen.push(String(event.chunk.text));
    expect((await stream.result).burst?.seenWhenDrained).toEqual(["c0", "c1", "c2"]);
    expect(await pipeline.run({ burst: { n: 3 } })).toEqual({ burst: { seenWhenDrained: ["c0", "c1", "c2"] } });
  });
});
