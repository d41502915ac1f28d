import { describe, expect, it } from "vitest";
import { providerOptionsFor } from "./provider-options.js";

describe("providerOptionsFor", () => {
  it("keeps flat keys and the provider's own scope, and drops other providers' options", () => {
    const options = {
      min_p: 0.05,
      ollama: { num_gpu: 0, min_p: 0.1 },
      anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } },
      openrouter: { provider: { order: ["x"] } },
    };
    expect(providerOptionsFor(options, ["ollama"])).toEqual({ min_p: 0.1, num_gpu: 0 });
    expect(providerOptionsFor(options, ["anthropic"])).toEqual({
      min_p: 0.05,
      thinking: { type: "enabled", budget_tokens: 1024 },
    });
    expect(providerOptionsFor(undefined, ["gemini"])).toEqual({});
  });
});
