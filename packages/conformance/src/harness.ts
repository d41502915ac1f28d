/**
 * Runs a ported Haystack scenario: records which component ran on which visit with which inputs, and compares those
 * calls and the outputs with the expectations. Every scenario runs three ways: one component at a time, concurrently,
 * and concurrently with every component finishing after a random delay. Trama's scheduling is deterministic, so all
 * three must give the same calls and outputs.
 */
import { type AnyComponent, deepCopy, type Pipeline, type RunContext } from "@trama/core";
import { expect } from "vitest";

export interface ScenarioRun {
  inputs: Record<string, unknown>;
  includeOutputsFrom?: string[];
  expectedOutputs: Record<string, unknown>;
  /** Inputs each component received, by `"name#visit"`. */
  expectedCalls: Record<string, unknown>;
}

export type Mode = "sequential" | "concurrent" | "jittered";
export const modes: Mode[] = ["sequential", "concurrent", "jittered"];

/** Builds a fresh pipeline per mode (components may keep state between runs, as Haystack's do). */
export async function runScenario(
  build: () => { pipeline: Pipeline<any>; runs: ScenarioRun[] },
  mode: Mode,
): Promise<void> {
  const { pipeline, runs } = build();
  const calls: Record<string, Record<string, unknown>> = {};
  for (const [name, component] of pipeline.components) spy(name, component, calls, mode === "jittered");
  for (const run of runs) {
    for (const key of Object.keys(calls)) delete calls[key];
    const outputs = await pipeline.run(run.inputs, {
      includeOutputsFrom: run.includeOutputsFrom,
      concurrency: mode === "sequential" ? 1 : 8,
    });
    expect(calls, "components called with the expected inputs").toEqual(run.expectedCalls);
    expect(outputs, "the expected result").toEqual(run.expectedOutputs);
  }
}

/** Runs a scenario that must fail, returning the error. */
export async function runFailingScenario(
  build: () => { pipeline: Pipeline<any>; inputs: Record<string, unknown> },
  mode: Mode,
): Promise<unknown> {
  const { pipeline, inputs } = build();
  for (const [name, component] of pipeline.components) spy(name, component, {}, mode === "jittered");
  try {
    await pipeline.run(inputs, { concurrency: mode === "sequential" ? 1 : 8 });
  } catch (error) {
    return error;
  }
  throw new Error("The scenario was expected to fail, but the run succeeded.");
}

/** Records each call's inputs (copied before the component can change them); optionally delays the result. */
function spy(name: string, component: AnyComponent, calls: Record<string, unknown>, jitter: boolean): void {
  const run = component.run.bind(component);
  (component as { run: AnyComponent["run"] }).run = (inputs: Record<string, unknown>, context: RunContext) => {
    calls[`${name}#${context.visit}`] = deepCopy(inputs);
    const result = run(inputs, context);
    if (!jitter) return result;
    return new Promise((resolve, reject) => {
      setTimeout(() => Promise.resolve(result).then(resolve, reject), Math.random() * 3);
    });
  };
}
