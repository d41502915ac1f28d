export * from "./pipeline-errors.js";
export * from "./serialization-error.js";
export { hasMarker, TramaError } from "./trama-error.js";
