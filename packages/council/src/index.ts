/**
 * `@trama/council`: several models answer a question, rank each other's answers blind, and a chairman writes the
 * final answer. Built as a pipeline of Trama components on `ChatGenerator`, so members are any chat models, local and
 * remote mixed.
 * @module
 */
export { parseBallot } from "./ballot/parse-ballot.js";
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
export { CouncilError } from "./errors/council-error.js";
export { CouncilFileError } from "./errors/council-file-error.js";
export { type CouncilRun, runCouncil } from "./run-council.js";
