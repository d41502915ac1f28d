import { ChatMessage, Secret } from "@trama/core";
import { chatModelFrom, type LoopbackServer, sendJson, startLoopbackServer } from "@trama/provider/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonFixture } from "./__fixtures__/fixtures.js";
import { GeminiChatModel } from "./gemini-chat-model.js";
import { gemini } from "./gemini-provider.js";
import { providers } from "./index.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe("gemini provider", () => {
  it("resolves the gemini: shorthand", async () => {
    server = await startLoopbackServer({
      "POST /models/gemini-2.5-flash:generateContent": (_, response) =>
        sendJson(response, 200, jsonFixture("text.json")),
    });
    const model = chatModelFrom(providers, "gemini:gemini-2.5-flash", {
      baseURL: server.url,
      apiKey: Secret.fromToken("k"),
    });
    expect(model).toBeInstanceOf(GeminiChatModel);
    expect(model.provider).toBe("gemini");
    expect(model.modelId).toBe("gemini-2.5-flash");
    expect(model.endpoint).toBe(server.url);
    const result = await model.doGenerate({ messages: [ChatMessage.user("Hi")] });
    expect(result.message.text).toBe("Hello! How can I help you today?");
    expect(server.requests[0]!.headers["x-goog-api-key"]).toBe("k");
  });

  it("reads the key from GEMINI_API_KEY first and accepts model ids with their models/ prefix", async () => {
    server = await startLoopbackServer({
      "POST /models/gemini-2.5-pro:generateContent": (_, response) => sendJson(response, 200, jsonFixture("text.json")),
    });
    vi.stubEnv("GEMINI_API_KEY", "gemini-key");
    vi.stubEnv("GOOGLE_API_KEY", "google-key");
    await gemini("models/gemini-2.5-pro", { baseURL: `${server.url}/` }).doGenerate({
      messages: [ChatMessage.user("Hi")],
    });
    expect(server.requests[0]!.headers["x-goog-api-key"]).toBe("gemini-key");
  });

  it("defaults to Google's API", () => {
    expect(gemini("gemini-2.5-flash").endpoint).toBe("https://generativelanguage.googleapis.com/v1beta");
  });

  it("saves the shorthand and the key's variable names, never a token", () => {
    expect(gemini("gemini-2.5-flash").toConfig()).toEqual({
      model: "gemini:gemini-2.5-flash",
      apiKey: { type: "env_var", env_vars: ["GEMINI_API_KEY", "GOOGLE_API_KEY"], strict: false },
    });
    expect(gemini.embedding("gemini-embedding-001", { taskType: "RETRIEVAL_QUERY" }).toConfig()).toEqual({
      model: "gemini:gemini-embedding-001",
      apiKey: { type: "env_var", env_vars: ["GEMINI_API_KEY", "GOOGLE_API_KEY"], strict: false },
      taskType: "RETRIEVAL_QUERY",
    });
    expect(() => gemini("gemini-2.5-flash", { apiKey: Secret.fromToken("secret") }).toConfig()).toThrow(
      /token secret cannot be saved/,
    );
  });
});
