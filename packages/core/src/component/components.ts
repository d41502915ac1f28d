import { PipelineComponent } from "../pipeline/pipeline-component.js";
import { defineComponent } from "./define-component.js";
import type { ComponentType } from "./registry.js";

/** The component types `@trama/core` provides: add them to a registry with `registry.add(components)`. */
export const components: readonly ComponentType[] = [defineComponent(PipelineComponent)];
