/**
 * `@trama/models/testing`: loopback servers that speak providers' wire protocols, for tests that never touch the
 * network.
 * @module
 */
export * from "./loopback-server.js";
