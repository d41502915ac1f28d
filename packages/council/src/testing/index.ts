/**
 * `@trama/council/testing`: scripted council members on loopback servers, for tests of the council and of what is
 * built on it (the CLI, the web app). They speak the OpenAI-compatible wire protocol for real.
 * @module
 */
export * from "./scripted-member.js";
export * from "./scripted-ollama.js";
