/** Small components for the core's own tests. */
import { defineComponent } from "../component/define-component.js";
import { ComponentRegistry, type ComponentTypes } from "../component/registry.js";
import { t } from "../types/socket-type.js";

export const Add = defineComponent({
  type: "test.Add",
  inputs: { value: t.number, add: t.number.optional() },
  outputs: { result: t.number },
  run: ({ value, add }, { params }: { params: { add?: number } }) => ({ result: value + (add ?? params.add ?? 1) }),
});

export const Double = defineComponent({
  type: "test.Double",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: async ({ value }) => ({ value: value * 2 }),
});

export const Collect = defineComponent({
  type: "test.Collect",
  inputs: { values: t.number.variadic() },
  outputs: { values: t.list(t.number) },
  run: ({ values }) => ({ values }),
});

/** A controllable promise: tests decide when a component finishes, so no test depends on timing. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Waits for a named gate opened by the test before passing its value on. */
export const Gate = defineComponent({
  type: "test.Gate",
  inputs: { value: t.number },
  outputs: { value: t.number },
  run: async ({ value }, { params }: { params: { open: Promise<unknown>; onStart?: () => void } }) => {
    params.onStart?.();
    await params.open;
    return { value };
  },
});

/** A registry with core's types and these test components, kept apart from the default registry users load from. */
export function testRegistry(...more: ComponentTypes[]): ComponentRegistry {
  return new ComponentRegistry([Add, Double, Collect, Gate], ...more);
}
