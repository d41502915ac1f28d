/**
 * A council run's state, built from its events by one reducer: the driver keeps it to write the result (a cancelled
 * run keeps everything that was done), and a client that receives the events can keep the same state.
 * @module
 */
import type { CouncilTurn } from "./council-config.js";
import type { CouncilEvent } from "./council-events.js";
import type {
  Aggregate,
  CallStats,
  CouncilErrorInfo,
  CouncilResult,
  CouncilStage,
  FinalAnswer,
  MemberAnswer,
  MemberInfo,
  MemberReview,
  MemberTotals,
  Usage,
} from "./council-result.js";
import { deanonymize } from "./labels/label-map.js";

/** What a run has produced so far. */
export interface CouncilState {
  question: string;
  history: CouncilTurn[];
  members: MemberInfo[];
  chairman: MemberInfo;
  seed: number;
  startedAt: string;
  answers: MemberAnswer[];
  reviews: MemberReview[];
  /** Finished review calls waiting for their parsed ballot, by reviewer. */
  reviewReplies: Record<string, { model: string; text: string } & CallStats>;
  aggregate?: Aggregate;
  final?: FinalAnswer;
  /** Chairmen that failed, in order, before the one that answered. */
  chairmanFailures: CouncilErrorInfo[];
  title?: string;
  titleCall?: { member: string; model: string } & CallStats;
  /** Per model and stage, the calls that finished. */
  calls: Array<{ member: string; model: string; stage: CouncilStage } & CallStats>;
  errors: CouncilErrorInfo[];
}

/** The state before any event; `council-start` fills it in. */
export function initialCouncilState(): CouncilState {
  return {
    question: "",
    history: [],
    members: [],
    chairman: { name: "", model: "" },
    seed: 0,
    startedAt: new Date(0).toISOString(),
    answers: [],
    reviews: [],
    reviewReplies: {},
    chairmanFailures: [],
    calls: [],
    errors: [],
  };
}

/** The state after `event`. Pure: the state passed in is not changed. */
export function reduceCouncil(state: CouncilState, event: CouncilEvent): CouncilState {
  switch (event.type) {
    case "council-start":
      return {
        ...initialCouncilState(),
        question: event.question,
        history: event.history ?? [],
        members: event.members,
        chairman: event.chairman,
        seed: event.seed,
        startedAt: event.startedAt,
      };
    case "member-end": {
      const stats = callStats(event);
      const calls = [...state.calls, { member: event.member, model: event.model, stage: event.stage, ...stats }];
      const reasoning = event.reasoning ? { reasoning: event.reasoning } : {};
      if (event.stage === "answer") {
        const answer: MemberAnswer = {
          member: event.member,
          model: event.model,
          text: event.text,
          ...reasoning,
          ...stats,
        };
        return { ...state, calls, answers: [...state.answers, answer] };
      }
      if (event.stage === "review") {
        const reply = { model: event.model, text: event.text, ...stats };
        return { ...state, calls, reviewReplies: { ...state.reviewReplies, [event.member]: reply } };
      }
      const fallback = state.chairmanFailures.length > 0;
      const final: FinalAnswer = {
        text: event.text,
        ...reasoning,
        ...stats,
        chairman: event.member,
        model: event.model,
        role: fallback ? "fallback" : "chairman",
        ...(fallback
          ? {
              fallbackReason: state.chairmanFailures
                .map((error) => `${error.member} failed: ${error.message}`)
                .join(" "),
            }
          : {}),
      };
      return { ...state, calls, final };
    }
    case "member-error": {
      const errors = [...state.errors, event.error];
      return event.stage === "chairman"
        ? { ...state, errors, chairmanFailures: [...state.chairmanFailures, event.error] }
        : { ...state, errors };
    }
    case "ballot-parsed": {
      const { [event.reviewer]: reply, ...waiting } = state.reviewReplies;
      if (!reply) return state;
      const review: MemberReview = {
        reviewer: event.reviewer,
        ...reply,
        labels: event.labels,
        deanonymizedText: deanonymize(reply.text, event.labels),
        ballot: event.ballot,
        rankedMembers: event.rankedMembers,
      };
      return { ...state, reviews: [...state.reviews, review], reviewReplies: waiting };
    }
    case "aggregate-ready":
      return { ...state, aggregate: event.aggregate };
    case "title-ready":
      return {
        ...state,
        title: event.title,
        titleCall: { member: event.member, model: event.model, usage: event.usage, latencyMs: event.latencyMs },
      };
    default:
      return state;
  }
}

/** The result of a run in `state`, ended with `status`. */
export function councilResult(state: CouncilState, status: CouncilResult["status"], durationMs: number): CouncilResult {
  return {
    version: 1,
    status,
    question: state.question,
    history: state.history,
    members: state.members,
    chairman: state.chairman,
    seed: state.seed,
    answers: state.answers,
    reviews: state.reviews,
    ...(state.aggregate ? { aggregate: state.aggregate } : {}),
    ...(state.final ? { final: state.final } : {}),
    ...(state.title ? { title: state.title } : {}),
    totals: totalsOf(state),
    errors: state.errors,
    startedAt: state.startedAt,
    durationMs: Math.round(durationMs),
  };
}

function totalsOf(state: CouncilState): MemberTotals[] {
  const rows: MemberTotals[] = [];
  const row = (member: MemberInfo, role: MemberTotals["role"]) => {
    const calls = state.calls.filter((call) => call.member === member.name);
    const stage = (name: CouncilStage) => {
      const call = calls.find((candidate) => candidate.stage === name);
      return call ? { [name]: callStats(call) } : {};
    };
    rows.push({
      member: member.name,
      model: member.model,
      role,
      ...stage("answer"),
      ...stage("review"),
      ...stage("chairman"),
      usage: sumUsage(calls.map((call) => call.usage)),
      latencyMs: calls.reduce((total, call) => total + call.latencyMs, 0),
      failed: state.errors.some((error) => error.member === member.name && error.stage === "answer"),
    });
  };
  for (const member of state.members) row(member, "member");
  if (!state.members.some((member) => member.name === state.chairman.name)) row(state.chairman, "chairman");
  // A member that took over as chairman is already counted with its own calls.
  if (state.titleCall) {
    const { member, model, usage, latencyMs } = state.titleCall;
    rows.push({ member, model, role: "title", usage, latencyMs, failed: false });
  }
  return rows;
}

function callStats(source: CallStats): CallStats {
  return {
    usage: source.usage,
    latencyMs: source.latencyMs,
    ...(source.firstTokenMs === undefined ? {} : { firstTokenMs: source.firstTokenMs }),
    ...(source.finishReason === undefined ? {} : { finishReason: source.finishReason }),
  };
}

/** Adds token counts and costs; a field stays absent when no call reported it. */
export function sumUsage(usages: readonly Usage[]): Usage {
  const total: Usage = {};
  for (const usage of usages) {
    for (const [key, value] of Object.entries(usage) as Array<[keyof Usage, number | undefined]>) {
      if (typeof value === "number") total[key] = (total[key] ?? 0) + value;
    }
  }
  return total;
}
