export * from "./pipeline-errors.js";
export * from "./serialization-error.js";
export { TramaError } from "./trama-error.js";
