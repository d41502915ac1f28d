/**
 * The events of a council run, in the order they happen. Every event is plain JSON, so it can be sent to a browser
 * as it is (one event per SSE message) and replayed.
 * @module
 */
import type { CouncilTurn } from "./council-config.js";
import type {
  Aggregate,
  CouncilErrorInfo,
  CouncilResult,
  CouncilStage,
  LabelAssignment,
  MemberInfo,
  ParsedBallot,
  Usage,
} from "./council-result.js";

/**
 * One event of a council run.
 *
 * A run emits `council-start`, then for each stage `stage-start`, per model `member-start`, its `member-delta`s and
 * `member-end` or `member-error`, then `stage-end`. Reviews add a `ballot-parsed` per review and an
 * `aggregate-ready`; a failed chairman adds `chairman-fallback`. `title-ready` may come at any point. `council-end`
 * comes last, always (failed and cancelled runs included), with the whole result.
 */
export type CouncilEvent =
  | {
      type: "council-start";
      question: string;
      /** The conversation before the question, oldest turn first (absent on a first turn). */
      history?: CouncilTurn[];
      members: MemberInfo[];
      chairman: MemberInfo;
      seed: number;
      /** ISO 8601. */
      startedAt: string;
    }
  | { type: "stage-start"; stage: CouncilStage /** The models taking part in this stage. */; members: string[] }
  | {
      type: "stage-end";
      stage: CouncilStage;
      durationMs: number;
      /** Models whose call succeeded, and those that failed. */
      completed: string[];
      failed: string[];
    }
  | { type: "member-start"; stage: CouncilStage; member: string; model: string }
  | {
      type: "member-delta";
      stage: CouncilStage;
      member: string;
      /** Answer text, or reasoning when `reasoning` is true. */
      text: string;
      reasoning?: boolean;
    }
  | {
      type: "member-end";
      stage: CouncilStage;
      member: string;
      model: string;
      /** The whole reply. */
      text: string;
      /** The model's reasoning, when it sent any apart from its reply. */
      reasoning?: string;
      usage: Usage;
      latencyMs: number;
      firstTokenMs?: number;
      finishReason?: string;
    }
  | { type: "member-error"; stage: CouncilStage | "title"; member: string; error: CouncilErrorInfo }
  | {
      type: "ballot-parsed";
      reviewer: string;
      labels: LabelAssignment[];
      ballot: ParsedBallot;
      /** The ballot's ranking as member names, best first. */
      rankedMembers: string[];
    }
  | { type: "aggregate-ready"; aggregate: Aggregate }
  | {
      type: "chairman-fallback";
      /** The model that failed to chair, and why. */
      from: string;
      error: CouncilErrorInfo;
      /** The member that takes over: the best-ranked one not yet tried. */
      to: string;
    }
  | {
      type: "title-ready";
      title: string;
      /** The title model, and what the call cost. */
      member: string;
      model: string;
      usage: Usage;
      latencyMs: number;
    }
  | { type: "council-end"; result: CouncilResult };

/** The `type`s of council events. */
export type CouncilEventType = CouncilEvent["type"];
