/**
 * Property test of the scheduler's central promise: whatever the concurrency and however long each component
 * takes, every component runs with the same inputs and the pipeline returns the same outputs. Random pipelines
 * with joins, routers (branches not taken) and optional inputs run one component at a time, concurrently, and
 * concurrently with random delays, and must agree.
 */
import { describe, expect, it } from "vitest";
import type { AnyComponent, RunContext } from "../component/component.js";
import { defineComponent } from "../component/define-component.js";
import { t } from "../types/socket-type.js";
import { seededRandom } from "../utils/seeded-random.js";
import { Pipeline } from "./pipeline.js";

const Join = defineComponent({
  type: "property.Join",
  inputs: { values: t.number.variadic(), bias: t.number.default(0) },
  outputs: { out: t.number },
  run: ({ values, bias }) => ({ out: values.reduce((sum, value, index) => sum + value * (index + 1), bias) }),
});
const Split = defineComponent({
  type: "property.Split",
  inputs: { value: t.number },
  outputs: { even: t.number, odd: t.number },
  run: ({ value }) => (value % 2 === 0 ? { even: value / 2 } : { odd: value * 3 + 1 }),
});
const Step = defineComponent({
  type: "property.Step",
  inputs: { value: t.number, extra: t.number.optional() },
  outputs: { out: t.number },
  run: ({ value, extra }) => ({ out: value + 1 + (extra ?? 0) * 10 }),
});

interface Built {
  pipeline: Pipeline<any>;
  inputs: Record<string, Record<string, number>>;
}

function build(seed: number): Built {
  const next = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const pipeline = new Pipeline({ maxRunsPerComponent: 3 });
  const inputs: Record<string, Record<string, number>> = {};
  const outputs: string[] = [];
  const count = 4 + Math.floor(next() * 7);
  for (let index = 0; index < count; index++) {
    const name = `n${index}`;
    const kind = index < 2 ? "source" : pick(["join", "join", "split", "step"]);
    if (kind === "source") {
      pipeline.add(name, Step());
      inputs[name] = { value: 1 + Math.floor(next() * 20) };
      outputs.push(`${name}.out`);
      continue;
    }
    const senders = [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(outputs)))];
    if (kind === "join") {
      pipeline.add(name, Join());
      for (const sender of senders) pipeline.connect(sender, `${name}.values`);
      outputs.push(`${name}.out`);
    } else if (kind === "split") {
      pipeline.add(name, Split());
      pipeline.connect(senders[0]!, `${name}.value`);
      outputs.push(`${name}.even`, `${name}.odd`);
    } else {
      pipeline.add(name, Step());
      pipeline.connect(senders[0]!, `${name}.value`);
      if (senders[1] && senders[1].split(".")[0] !== senders[0]!.split(".")[0])
        pipeline.connect(senders[1], `${name}.extra`);
      outputs.push(`${name}.out`);
    }
  }
  return { pipeline, inputs };
}

async function runRecorded(seed: number, mode: "sequential" | "concurrent" | "jittered") {
  const { pipeline, inputs } = build(seed);
  const calls: Record<string, unknown> = {};
  const delays = seededRandom(seed * 7 + (mode === "jittered" ? 1 : 2));
  for (const [name, component] of pipeline.components) {
    const run = component.run.bind(component);
    (component as { run: AnyComponent["run"] }).run = (values: Record<string, unknown>, context: RunContext) => {
      calls[`${name}#${context.visit}`] = structuredClone(values);
      const result = run(values, context);
      if (mode !== "jittered") return result;
      return new Promise((resolve) => setTimeout(() => resolve(result), delays() * 4));
    };
  }
  try {
    const result = await pipeline.run(inputs, { concurrency: mode === "sequential" ? 1 : 8 });
    return { calls, result };
  } catch (error) {
    return { calls, error: (error as Error).constructor.name };
  }
}

describe("deterministic scheduling", () => {
  it("gives the same calls and outputs one at a time, concurrently and with random timing, on random pipelines", async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const sequential = await runRecorded(seed, "sequential");
      expect(Object.keys(sequential.calls).length, `seed ${seed} ran something`).toBeGreaterThan(0);
      expect(await runRecorded(seed, "concurrent"), `seed ${seed}, concurrent`).toEqual(sequential);
      expect(await runRecorded(seed, "jittered"), `seed ${seed}, jittered`).toEqual(sequential);
    }
  });
});
