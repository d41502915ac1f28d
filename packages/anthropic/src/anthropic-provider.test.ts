import { ChatMessage, Secret } from "@trama/core";
import { chatModelFrom, type LoopbackServer, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonFixture } from "./__fixtures__/fixtures.js";
import { AnthropicChatModel } from "./anthropic-chat-model.js";
import { anthropic } from "./anthropic-provider.js";
import { providers } from "./index.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe("anthropic provider", () => {
  it("resolves the anthropic: shorthand", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    const model = chatModelFrom(providers, "anthropic:claude-sonnet-4-5", {
      baseURL: server.url,
      apiKey: Secret.fromToken("k"),
    });
    expect(model).toBeInstanceOf(AnthropicChatModel);
    expect(model.provider).toBe("anthropic");
    expect(model.modelId).toBe("claude-sonnet-4-5");
    expect(model.endpoint).toBe(server.url);
    const result = await model.doGenerate({ messages: [ChatMessage.user("Hi")] });
    expect(result.message.text).toBe("Hello! How can I help you today?");
    expect(server.requests[0]!.headers["x-api-key"]).toBe("k");
  });

  it("reads the key from ANTHROPIC_API_KEY and the base URL from ANTHROPIC_BASE_URL", async () => {
    server = await startLoopbackServer({
      "POST /messages": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    vi.stubEnv("ANTHROPIC_API_KEY", "from-env");
    vi.stubEnv("ANTHROPIC_BASE_URL", `${server.url}/`);
    const model = anthropic("claude-haiku-4-5");
    expect(model.endpoint).toBe(server.url);
    await model.doGenerate({ messages: [ChatMessage.user("Hi")] });
    expect(server.requests[0]!.headers["x-api-key"]).toBe("from-env");
    expect(server.requests[0]!.body.model).toBe("claude-haiku-4-5");
  });

  it("defaults to Anthropic's API", () => {
    vi.stubEnv("ANTHROPIC_BASE_URL", undefined);
    expect(anthropic("claude-sonnet-4-5").endpoint).toBe("https://api.anthropic.com/v1");
  });

  it("saves the shorthand and the key's variable names, never a token", () => {
    const model = anthropic("claude-sonnet-4-5", { baseURL: "https://proxy.example.com/v1" });
    expect(model.toConfig()).toEqual({
      model: "anthropic:claude-sonnet-4-5",
      baseURL: "https://proxy.example.com/v1",
      apiKey: { type: "env_var", env_vars: ["ANTHROPIC_API_KEY"], strict: false },
    });
    expect(() => anthropic("claude-sonnet-4-5", { apiKey: Secret.fromToken("sk-secret") }).toConfig()).toThrow(
      /token secret cannot be saved/,
    );
  });

  it("refuses a plain-string key", () => {
    expect(() => anthropic("claude-sonnet-4-5", { apiKey: "sk-plain" as never })).toThrow(/plain strings are refused/);
  });
});
