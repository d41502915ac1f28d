import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/define-component.js";
import { PipelineBlockedError } from "../errors/pipeline-errors.js";
import { t } from "../types/socket-type.js";
import { Pipeline } from "./pipeline.js";

const Router = defineComponent({
  type: "test.Router",
  inputs: { value: t.number },
  outputs: { small: t.number, big: t.number },
  run: ({ value }) => (value < 10 ? { small: value } : { big: value }),
});
const Both = defineComponent({
  type: "test.Both",
  inputs: { small: t.number, big: t.number },
  outputs: { sum: t.number },
  run: ({ small, big }) => ({ sum: small + big }),
});

describe("a pipeline that cannot finish", () => {
  it("is an error that says which component waits for which socket from whom", async () => {
    const pipeline = new Pipeline()
      .add("router", Router())
      .add("both", Both())
      .connect("router.small", "both.small")
      .connect("router.big", "both.big");
    const error = await pipeline.run({ router: { value: 1 } }).catch((caught) => caught);
    expect(PipelineBlockedError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      "'both' waits for 'big' from router.big (ran but sent nothing on 'big'). It holds values on 'small' that would be lost.",
    );
    expect(error.blocked).toEqual([
      {
        component: "both",
        received: ["small"],
        waitingFor: [
          { socket: "big", senders: [{ component: "router", socket: "big", status: "ran but sent nothing on 'big'" }] },
        ],
      },
    ]);
    expect(error.snapshot.reason).toBe("blocked");
  });

  it("is an error when nothing can start", async () => {
    const Needs = defineComponent({
      type: "test.Needs",
      inputs: { a: t.number, b: t.number },
      outputs: { a: t.number },
      run: ({ a }) => ({ a }),
    });
    const pipeline = new Pipeline().add("x", Needs()).add("y", Needs()).connect("x.a", "y.b").connect("y.a", "x.b");
    await expect(pipeline.run({ x: { a: 1 }, y: { a: 2 } })).rejects.toThrow(
      /cannot start: no component has the inputs it needs.\n {2}- 'x' waits for 'b' from y.a \(never ran\)/,
    );
  });
});
