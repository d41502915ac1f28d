/**
 * Realistic samples of every component type Trama's packages export, for the round-trip test beside this file. Every
 * sample sets its parameters to values other than the defaults, so a parameter that saving drops or loading ignores
 * changes the saved file. Models are shorthands or live models pointing at a loopback port nothing listens on
 * (nothing is called); stores are live, a shorthand, or a saved configuration.
 * @module
 */
import type { Tool } from "@trama/models";
import { frameworkSamples } from "./framework-samples.js";
import { productSamples } from "./product-samples.js";
import { retrievalSamples } from "./retrieval-samples.js";
import { type ComponentSample, finalAnswer, weather } from "./sample.js";

export { postgresVariable } from "./retrieval-samples.js";
export type { ComponentSample } from "./sample.js";

/** The samples, the tools they refer to by name, and a `close` for the live stores they hold. */
export interface SampleResources {
  readonly samples: ComponentSample[];
  readonly tools: Tool[];
  close(): Promise<void>;
}

/** Builds every sample; `folder` is an empty temporary folder for the SQLite files. */
export function componentSamples(folder: string): SampleResources {
  const retrieval = retrievalSamples(folder);
  return {
    samples: [...frameworkSamples(), ...retrieval.samples, ...productSamples()],
    tools: [weather, finalAnswer],
    close: retrieval.close,
  };
}
