import { describe, expect, it } from "vitest";
import { parseOllamaHost } from "./ollama-host.js";

describe("OLLAMA_HOST", () => {
  it("reads OLLAMA_HOST like the Ollama CLI, scheme optional", () => {
    expect(parseOllamaHost("127.0.0.1:11434")).toBe("http://127.0.0.1:11434");
    expect(parseOllamaHost("gpu-box")).toBe("http://gpu-box:11434");
    expect(parseOllamaHost(":8000")).toBe("http://127.0.0.1:8000");
    expect(parseOllamaHost("0.0.0.0")).toBe("http://127.0.0.1:11434");
    expect(parseOllamaHost("http://gpu-box")).toBe("http://gpu-box");
    expect(parseOllamaHost("https://ollama.example.com/proxy/")).toBe("https://ollama.example.com/proxy");
    expect(parseOllamaHost("[::1]:11434")).toBe("http://[::1]:11434");
    expect(parseOllamaHost("::")).toBe("http://[::1]:11434");
    expect(parseOllamaHost("ollama.com")).toBe("https://ollama.com");
    expect(parseOllamaHost("http://gpu-box:8080/")).toBe("http://gpu-box:8080");
    expect(parseOllamaHost("gpu-box:99999")).toBe("http://gpu-box:11434");
  });
});
