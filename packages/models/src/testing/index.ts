/**
 * `@trama/models/testing`: loopback servers that speak providers' wire protocols, for tests that never touch the
 * network, and helpers for what the tests read back (batched streams, ProviderErrors, fixture files).
 * @module
 */
export * from "./loopback-server.js";
export * from "./stream-helpers.js";
