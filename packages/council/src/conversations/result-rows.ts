import type { CallStats, CouncilResult } from "../council-result.js";

/** One row of `turn_calls`: a model call of a run, or a call that failed. */
export interface CallRow {
  stage: string;
  member: string;
  model: string;
  text: string | null;
  reasoning: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  reasoning_tokens: number | null;
  cost: number | null;
  latency_ms: number | null;
  first_token_ms: number | null;
  finish_reason: string | null;
  error: string | null;
  error_status: number | null;
}

function statsColumns(stats: CallStats) {
  return {
    input_tokens: stats.usage.inputTokens ?? null,
    output_tokens: stats.usage.outputTokens ?? null,
    reasoning_tokens: stats.usage.reasoningTokens ?? null,
    cost: stats.usage.cost ?? null,
    latency_ms: Math.round(stats.latencyMs),
    first_token_ms: stats.firstTokenMs === undefined ? null : Math.round(stats.firstTokenMs),
    finish_reason: stats.finishReason ?? null,
  };
}

const noStats = {
  input_tokens: null,
  output_tokens: null,
  reasoning_tokens: null,
  cost: null,
  latency_ms: null,
  first_token_ms: null,
  finish_reason: null,
};

/** Every call of a run as rows: answers, reviews, the final answer, then each failure with its cause. */
export function callRows(result: CouncilResult): CallRow[] {
  const rows: CallRow[] = [];
  const ok = { error: null, error_status: null };
  for (const answer of result.answers)
    rows.push({
      stage: "answer",
      member: answer.member,
      model: answer.model,
      text: answer.text,
      reasoning: answer.reasoning ?? null,
      ...statsColumns(answer),
      ...ok,
    });
  for (const review of result.reviews)
    rows.push({
      stage: "review",
      member: review.reviewer,
      model: review.model,
      text: review.text,
      reasoning: null,
      ...statsColumns(review),
      ...ok,
    });
  if (result.final)
    rows.push({
      stage: "chairman",
      member: result.final.chairman,
      model: result.final.model,
      text: result.final.text,
      reasoning: result.final.reasoning ?? null,
      ...statsColumns(result.final),
      ...ok,
    });
  for (const error of result.errors)
    rows.push({
      stage: error.stage,
      member: error.member,
      model: error.model,
      text: null,
      reasoning: null,
      ...noStats,
      error: error.message,
      error_status: error.statusCode ?? null,
    });
  return rows;
}

/** The ballots of a run as `turn_ballots` rows. */
export function ballotRows(result: CouncilResult) {
  return result.reviews.map((review) => ({
    reviewer: review.reviewer,
    status: review.ballot.status,
    format: review.ballot.format ?? null,
    problem: review.ballot.problem ?? null,
    labels_json: JSON.stringify(review.labels),
    ranking_json: JSON.stringify(review.ballot.ranking),
    ranked_members_json: JSON.stringify(review.rankedMembers),
  }));
}

/** The aggregate ranking of a run as `turn_rankings` rows (none when the run stopped before it). */
export function rankingRows(result: CouncilResult) {
  return (result.aggregate?.rows ?? []).map((row) => ({
    member: row.member,
    place: row.place,
    borda: row.borda,
    average_rank: row.averageRank ?? null,
    ballots: row.ballots,
    first_places: row.firstPlaces,
    self_rank: row.selfRank ?? null,
  }));
}

/** The text a turn is found by: the question, the final answer, the members' answers. */
export function searchBody(question: string, result?: CouncilResult): string {
  if (!result) return question;
  return [question, result.final?.text ?? "", ...result.answers.map((answer) => answer.text)].join("\n\n");
}
