import { ChatMessage } from "@trama/core";
import { resolveOllamaBaseURL } from "@trama/provider";
import { describe, expect, it, vi } from "vitest";
import { convertToOllamaMessages } from "./convert-to-ollama-messages.js";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";
import { OllamaChatModel } from "./ollama-chat-model.js";

describe("convertToOllamaMessages", () => {
  it("sends images as base64, drops remote URLs with a warning", () => {
    const { messages, warnings } = convertToOllamaMessages([
      ChatMessage.user([
        { type: "text", text: "What is in these?" },
        { type: "image", data: "iVBORw0KGgo=", mimeType: "image/png" },
        { type: "image", url: "data:image/jpeg;base64,/9j/4AAQ" },
        { type: "image", url: "https://example.com/cat.png" },
      ]),
    ]);
    expect(messages).toEqual([{ role: "user", content: "What is in these?", images: ["iVBORw0KGgo=", "/9j/4AAQ"] }]);
    expect(warnings).toEqual([expect.objectContaining({ type: "unsupported", feature: "imageUrl" })]);
  });

  it("sends assistant reasoning back as thinking, without redacted parts", () => {
    const { messages } = convertToOllamaMessages([
      ChatMessage.assistant([
        { type: "reasoning", text: "Think." },
        { type: "reasoning", text: "hidden", redacted: true },
        { type: "text", text: "Answer." },
      ]),
    ]);
    expect(messages).toEqual([{ role: "assistant", content: "Answer.", thinking: "Think." }]);
  });
});

describe("mapOllamaFinishReason", () => {
  it("maps every done_reason", () => {
    expect(mapOllamaFinishReason("stop", false)).toEqual({ unified: "stop", raw: "stop" });
    expect(mapOllamaFinishReason("stop", true)).toEqual({ unified: "tool-calls", raw: "stop" });
    expect(mapOllamaFinishReason("length", false)).toEqual({ unified: "length", raw: "length" });
    expect(mapOllamaFinishReason(undefined, false)).toEqual({ unified: "stop", raw: undefined });
    expect(mapOllamaFinishReason("unload", false)).toEqual({ unified: "other", raw: "unload" });
  });
});

describe("Ollama base URL", () => {
  it("prefers the explicit URL, then OLLAMA_HOST, then the default", () => {
    expect(resolveOllamaBaseURL("http://gpu-box:11434/", "ignored:1")).toBe("http://gpu-box:11434");
    expect(resolveOllamaBaseURL(undefined, undefined)).toBe("http://127.0.0.1:11434");
    expect(resolveOllamaBaseURL(undefined, "  ")).toBe("http://127.0.0.1:11434");
    expect(resolveOllamaBaseURL(undefined, "gpu-box:8080")).toBe("http://gpu-box:8080");
    vi.stubEnv("OLLAMA_HOST", "gpu-box:9999");
    try {
      expect(new OllamaChatModel("qwen2.5:7b").endpoint).toBe("http://gpu-box:9999");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
