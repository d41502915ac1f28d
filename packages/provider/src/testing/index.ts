/**
 * `@trama/provider/testing`: loopback servers that speak providers' wire protocols, for tests that never touch the
 * network, and helpers for what the tests read back (batched streams, ProviderErrors, fixture files, shorthands).
 * @module
 */
export * from "./loopback-server.js";
export * from "./provider-models.js";
export * from "./stream-helpers.js";
