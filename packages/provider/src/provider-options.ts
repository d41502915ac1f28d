/**
 * `providerOptions` carry settings only one provider understands. A request may hold several providers' options at
 * once (a fallback generator tries OpenAI, then Anthropic): flat keys apply to whichever provider gets the request,
 * keys named after a provider hold that provider's options only. Every provider reads them through
 * `providerOptionsFor`, so one provider's options never leak into another's request.
 * @module
 */

/** Names that scope `providerOptions`: Trama's shorthand schemes and the providers' own names. */
export const providerNames: ReadonlySet<string> = new Set([
  "openai",
  "openrouter",
  "lmstudio",
  "vllm",
  "llamacpp",
  "llama.cpp",
  "llama-server",
  "deepseek",
  "mistral",
  "groq",
  "together",
  "openai-compatible",
  "openaiCompatible",
  "ollama-openai",
  "ollama",
  "anthropic",
  "gemini",
  "google",
  "gguf",
  "llamaCpp",
  "onnx",
  "transformers",
]);

/**
 * The options meant for `provider`: the flat keys, overridden by the keys under any of `names` (the provider's own
 * name first, then aliases such as `openai-compatible`). Objects under another provider's name are left out.
 *
 * @example
 * providerOptionsFor({ min_p: 0.05, ollama: { num_gpu: 0 }, anthropic: { thinking: {…} } }, ["ollama"])
 * // → { min_p: 0.05, num_gpu: 0 }
 */
export function providerOptionsFor(
  providerOptions: Readonly<Record<string, unknown>> | undefined,
  names: readonly string[],
): Record<string, unknown> {
  const own = new Set(names);
  const flat: Record<string, unknown> = {};
  const scoped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(providerOptions ?? {})) {
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    if (isObject && own.has(key)) Object.assign(scoped, value);
    else if (!(isObject && providerNames.has(key))) flat[key] = value;
  }
  return { ...flat, ...scoped };
}
