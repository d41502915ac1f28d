/**
 * What a council run produces. Everything here is plain JSON (no class instances, no dates as objects), so a result
 * can be stored, exported and read back as it is.
 * @module
 */
import type { Usage } from "@trama/models";
import type { CouncilTurn } from "./council-config.js";

/** Token counts and cost (USD) of calls, as providers report them; fields a provider left out are absent. */
export type { Usage };

/** The three stages: members answer, members review each other's answers blind, the chairman decides. */
export type CouncilStage = "answer" | "review" | "chairman";

/** A model of the council as the run refers to it. */
export interface MemberInfo {
  /** Unique within the run: the spec's `name`, else its shorthand (`#2`, `#3` appended to repeats). */
  name: string;
  /** The shorthand it was built from. */
  model: string;
}

/** One model call's cost in tokens, money and time. */
export interface CallStats {
  /** Token counts and cost (USD) as the provider reported them; fields the provider left out are absent. */
  usage: Usage;
  /** From the start of the call (waiting for the endpoint's concurrency slot included) to its last token. */
  latencyMs: number;
  /** From the start of the call to its first streamed token, when it streamed any. */
  firstTokenMs?: number;
  /** Why generation stopped, normalized: `stop`, `length`, `content-filter`, … */
  finishReason?: string;
}

/** A failure, kept with its real cause. */
export interface CouncilErrorInfo {
  stage: CouncilStage | "title";
  /** The member (or chairman, or title model) that failed. */
  member: string;
  model: string;
  /** The error's own message: provider, model, HTTP status and the provider's words when it was a provider error. */
  message: string;
  /** The error's class, such as `ProviderError`. */
  name: string;
  statusCode?: number;
}

/** A member's stage-1 answer. */
export interface MemberAnswer extends CallStats {
  member: string;
  model: string;
  text: string;
  /** The model's reasoning, when it sent any apart from its answer. */
  reasoning?: string;
}

/** How a review's ballot was read: a full ranking, part of one, unreadable, or no ranking at all. */
export type BallotStatus = "complete" | "partial" | "invalid" | "abstain";

/** A ballot as `parseBallot` reads it. */
export interface ParsedBallot {
  /** Labels best first, as the reviewer wrote them; empty unless `complete` or `partial`. */
  ranking: string[];
  status: BallotStatus;
  /** Where the ranking was found: `json`, `final-ranking` (a list under the heading), `list`, `inline`, `letters`. */
  format?: "json" | "final-ranking" | "list" | "inline" | "letters";
  /** Why the ballot is partial, invalid or an abstention (a duplicate label, an unknown label, a refusal, …). */
  problem?: string;
}

/** Which member's answer a reviewer saw under which label. */
export interface LabelAssignment {
  /** `A`, `B`, … in the order the reviewer saw the answers. */
  label: string;
  member: string;
}

/** A member's stage-2 review of every answer, under its own shuffle of the labels. */
export interface MemberReview extends CallStats {
  reviewer: string;
  model: string;
  /** The label map of this review, in the order shown to the reviewer. */
  labels: LabelAssignment[];
  /** The review as the reviewer wrote it. */
  text: string;
  /** The review with `Response A`-style mentions replaced by member names. */
  deanonymizedText: string;
  ballot: ParsedBallot;
  /** The ballot's ranking as member names, best first. */
  rankedMembers: string[];
}

/** One member's place in the aggregate ranking. */
export interface AggregateRow {
  member: string;
  /** 1 for the best; members with equal scores share a place. */
  place: number;
  /** Normalized Borda score in [0, 1]: 1 when every counted ballot put it first. Self-votes excluded. */
  borda: number;
  /** Mean position in the counted ballots (1 = first), self-votes excluded; absent when no ballot ranked it. */
  averageRank?: number;
  /** Weight of the ballots that ranked it (a complete ballot weighs 1, a partial one less). */
  ballots: number;
  /** Ballots that put it first. */
  firstPlaces: number;
  /** Where it ranked its own answer (1 = first) among all the answers it saw; a diagnostic, never counted. */
  selfRank?: number;
  /** How many answers its own ballot ranked (for reading `selfRank`). */
  selfBallotSize?: number;
}

/** Why a ranking is not clear. */
export interface AggregateFlag {
  kind: "tie" | "close" | "split" | "few-ballots" | "no-ballots";
  /** The members concerned, best first. */
  members: string[];
  message: string;
}

/** The council's ranking of the answers. */
export interface Aggregate {
  /** Best first. */
  rows: AggregateRow[];
  /** Reviews whose ballots were counted (complete or partial). */
  counted: string[];
  /** Reviews whose ballots were left out, and why (invalid, abstained, or the review failed). */
  ignored: Array<{ reviewer: string; status: BallotStatus | "failed"; problem?: string }>;
  /** False when any flag is set: the top of the ranking should not be read as a verdict. */
  clear: boolean;
  flags: AggregateFlag[];
}

/** The stage-3 answer and who gave it. */
export interface FinalAnswer extends CallStats {
  text: string;
  reasoning?: string;
  /** The model that wrote it: the chairman, or the member that took over. */
  chairman: string;
  model: string;
  /** `chairman` when the configured chairman answered; `fallback` when a member took over. */
  role: "chairman" | "fallback";
  /** Why a member took over: the chairmen that failed before it, with their real errors. */
  fallbackReason?: string;
}

/** Per model, what the run cost. */
export interface MemberTotals {
  member: string;
  model: string;
  /** `member`, `chairman` (a chairman that is not a member), or `title`. */
  role: "member" | "chairman" | "title";
  answer?: CallStats;
  review?: CallStats;
  chairman?: CallStats;
  /** Sum of all its calls. */
  usage: Usage;
  latencyMs: number;
  failed: boolean;
}

/**
 * The outcome of one council run.
 *
 * - `complete`: a final answer was written (possibly by a fallback member).
 * - `failed`: no final answer, because no member answered or no chairman could write one; `errors` say why.
 * - `cancelled`: the signal stopped the run; everything done before it is kept.
 */
export interface CouncilResult {
  version: 1;
  status: "complete" | "failed" | "cancelled";
  question: string;
  history: CouncilTurn[];
  members: MemberInfo[];
  chairman: MemberInfo;
  /** The seed of the label shuffles, so the same reviews can be asked again. */
  seed: number;
  answers: MemberAnswer[];
  reviews: MemberReview[];
  aggregate?: Aggregate;
  final?: FinalAnswer;
  /** The conversation's title, when a title model gave one. */
  title?: string;
  totals: MemberTotals[];
  /** Every failure of the run, in the order they happened. */
  errors: CouncilErrorInfo[];
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
}
