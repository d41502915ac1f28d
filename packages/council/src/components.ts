import { CouncilAggregate } from "./components/council-aggregate.js";
import { CouncilAnswer } from "./components/council-answer.js";
import { CouncilChairman } from "./components/council-chairman.js";
import { CouncilReview } from "./components/council-review.js";
import { CouncilTitle } from "./components/council-title.js";

/** Every component type of `@trama/council`, for registries that load pipeline files. */
export const components = [CouncilAnswer, CouncilReview, CouncilAggregate, CouncilChairman, CouncilTitle];
