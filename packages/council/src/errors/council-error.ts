import { hasMarker, TramaError } from "@trama/core";

const marker = Symbol.for("trama.error.CouncilError");

/**
 * The council cannot run: no members, no model reachable for the default council, a model file missing offline. The
 * message names the model, server or file at fault and says what to do. Failures of single members are not thrown:
 * they are reported in the run's events and result, and the council goes on without them.
 */
export class CouncilError extends TramaError {
  readonly [marker] = true;
  static override isInstance(error: unknown): error is CouncilError {
    return hasMarker(error, marker);
  }
}
