/**
 * `@trama/council`: several models answer a question, rank each other's answers blind, and a chairman writes the
 * final answer. Built as a pipeline of Trama components on `ChatGenerator`, so members are any chat models, local and
 * remote mixed.
 * @module
 */
export { aggregateBallots, type BallotInput } from "./ballot/aggregate.js";
export { parseBallot } from "./ballot/parse-ballot.js";
export { buildCouncilPipeline, councilInputs } from "./build-council-pipeline.js";
export { CouncilAggregate } from "./components/council-aggregate.js";
export { type AnswerOutcome, CouncilAnswer, type CouncilAnswerParams } from "./components/council-answer.js";
export { CouncilChairman, type CouncilChairmanParams } from "./components/council-chairman.js";
export { CouncilReview, type CouncilReviewParams, type ReviewOutcome } from "./components/council-review.js";
export { CouncilTitle, type CouncilTitleParams } from "./components/council-title.js";
export { components } from "./components.js";
export { loadCouncilFile, parseCouncilFile } from "./config/council-file.js";
export {
  applyCouncilOverrides,
  type CouncilOverrides,
  type ResolvedCouncil,
  resolveCouncilConfig,
} from "./config/resolve-council.js";
export type {
  CouncilConfig,
  CouncilInput,
  CouncilModel,
  CouncilModelSpec,
  CouncilRunOptions,
  CouncilTimeouts,
  CouncilTurn,
} from "./council-config.js";
export type { CouncilEvent, CouncilEventType } from "./council-events.js";
export type {
  Aggregate,
  AggregateFlag,
  AggregateRow,
  BallotStatus,
  CallStats,
  CouncilErrorInfo,
  CouncilResult,
  CouncilStage,
  FinalAnswer,
  LabelAssignment,
  MemberAnswer,
  MemberInfo,
  MemberReview,
  MemberTotals,
  ParsedBallot,
  Usage,
} from "./council-result.js";
export { type CallDefaults, type CouncilSetup, type NamedModel, setUpCouncil } from "./council-setup.js";
export { type CouncilState, councilResult, initialCouncilState, reduceCouncil } from "./council-state.js";
export {
  type DefaultModel,
  type DownloadProgress,
  defaultGgufModels,
  defaultModelFiles,
  modelsDirFrom,
} from "./defaults/gguf-default.js";
export { type OllamaProbe, pickOllamaMembers, probeOllama } from "./defaults/ollama-default.js";
export { CouncilError } from "./errors/council-error.js";
export { CouncilFileError } from "./errors/council-file-error.js";
export { assignLabels, deanonymize } from "./labels/label-map.js";
export { type CouncilRun, runCouncil } from "./run-council.js";
