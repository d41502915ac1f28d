import { ChatMessage, Secret } from "@trama/core";
import { ProviderError } from "@trama/provider";
import {
  chatModelFrom,
  type LoopbackServer,
  providerFailure,
  sendEvents,
  sendJson,
  startLoopbackServer,
  streamFailure,
} from "@trama/provider/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorInBody, midStreamErrorStream, reasoningCompletion } from "./__fixtures__/openrouter.js";
import { openrouter, providers } from "./index.js";

let server: LoopbackServer;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

const key = Secret.fromToken("sk-or-test");
const question = ChatMessage.user("Hello");

describe("OpenRouter", () => {
  it("sends the app headers, the models fallback list and the provider routing object", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, reasoningCompletion),
    });
    const model = openrouter("openai/gpt-5.1", {
      baseURL: server.url,
      apiKey: key,
      appUrl: "https://trama.dev",
      appName: "Trama",
    });
    await model.doGenerate({
      messages: [question],
      providerOptions: {
        models: ["anthropic/claude-sonnet-4.5", "google/gemini-2.5-pro"],
        provider: { order: ["openai", "azure"], allow_fallbacks: false, data_collection: "deny" },
        reasoning: { effort: "high" },
      },
    });

    const [request] = server.requests;
    expect(request!.headers["http-referer"]).toBe("https://trama.dev");
    expect(request!.headers["x-title"]).toBe("Trama");
    expect(request!.headers.authorization).toBe("Bearer sk-or-test");
    expect(request!.body).toMatchObject({
      model: "openai/gpt-5.1",
      models: ["anthropic/claude-sonnet-4.5", "google/gemini-2.5-pro"],
      provider: { order: ["openai", "azure"], allow_fallbacks: false, data_collection: "deny" },
      reasoning: { effort: "high" },
    });
  });

  it("turns an error inside a 200 body into a ProviderError with the status it names", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, errorInBody),
    });
    const error = await providerFailure(
      openrouter("openai/gpt-5.1", { baseURL: server.url, apiKey: key }).doGenerate({ messages: [question] }),
    );

    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "openrouter (openai/gpt-5.1): HTTP 502: Provider returned error (upstream connect error or disconnect/reset before headers)",
    );
    expect(error.statusCode).toBe(502);
    expect(error.isRetryable).toBe(true);
  });

  it("turns an error in a 200 JSON body answering a streaming request into a ProviderError", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, errorInBody),
    });
    const stream = openrouter("openai/gpt-5.1", { baseURL: server.url, apiKey: key }).doStream({
      messages: [question],
    });
    const { error } = await streamFailure(stream);

    expect(error.message).toBe(
      "openrouter (openai/gpt-5.1): HTTP 502: Provider returned error (upstream connect error or disconnect/reset before headers)",
    );
  });

  it("turns a mid-stream error chunk into a ProviderError after the text already streamed", async () => {
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendEvents(response, midStreamErrorStream),
    });
    const stream = openrouter("openai/gpt-5.1", { baseURL: server.url, apiKey: key }).doStream({
      messages: [question],
    });
    const { parts: streamed, error } = await streamFailure(stream);
    const parts = streamed.flatMap((part) => (part.type === "text-delta" ? [part.text] : []));

    expect(parts).toEqual(["The answer", " is"]);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error.message).toBe("openrouter (openai/gpt-5.1): error in the stream: Provider disconnected unexpectedly");
    expect(error.statusCode).toBeUndefined();
    expect(error.isRetryable).toBe(true);
  });

  it("resolves the openrouter: shorthand with the key from OPENROUTER_API_KEY", async () => {
    vi.stubEnv("OPENROUTER_API_KEY", "sk-or-from-env");
    server = await startLoopbackServer({
      "POST /chat/completions": (_, response) => sendJson(response, 200, reasoningCompletion),
    });
    const model = chatModelFrom(providers, "openrouter:openai/gpt-5.1", { baseURL: server.url, appName: "Trama" });
    const result = await model.doGenerate({ messages: [question] });

    expect(model.provider).toBe("openrouter");
    expect(model.modelId).toBe("openai/gpt-5.1");
    expect(model.endpoint).toBe(server.url);
    expect(result.message.text).toBe("9.8 is larger.");
    expect(server.requests.at(-1)!.headers.authorization).toBe("Bearer sk-or-from-env");
    expect(server.requests.at(-1)!.headers["x-title"]).toBe("Trama");
    expect(model.toConfig!()).toEqual({ model: "openrouter:openai/gpt-5.1", baseURL: server.url, appName: "Trama" });
  });
});
