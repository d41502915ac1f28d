/**
 * `@trama/models/testing`: the loopback servers and stream helpers of `@trama/provider/testing`, re-exported for tests
 * of components and products built on `@trama/models`.
 * @module
 */
export * from "@trama/provider/testing";
