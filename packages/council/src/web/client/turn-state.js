// @ts-check
/**
 * What the page knows about one turn, built from the council's events by one reducer. The same events give the
 * same state, live or replayed from storage, so a reloaded turn shows what was shown while it streamed; the final
 * `council-end` brings the whole result, which is authoritative for everything it holds.
 * @module
 */

/** @typedef {"answer" | "review" | "chairman"} Stage */
/**
 * @typedef {object} Call
 * One model call of a stage, as it streams and ends.
 * @property {Stage} stage
 * @property {string} member
 * @property {string} [model]
 * @property {"waiting" | "streaming" | "done" | "failed" | "stopped"} status
 * @property {string} text
 * @property {string} reasoning
 * @property {any} [usage]
 * @property {number} [latencyMs]
 * @property {string} [finishReason]
 * @property {any} [error]
 * @property {Array<{ label: string, member: string }>} [labels] reviews: the label map the reviewer saw
 * @property {any} [ballot] reviews: the parsed ballot
 * @property {string[]} [rankedMembers] reviews: the ballot as member names, best first
 * @property {string} [deanonymizedText] reviews: the text with labels replaced by member names
 */
/**
 * @typedef {object} TurnState
 * @property {string} id
 * @property {string} question
 * @property {string} status running, complete, failed, cancelled or interrupted
 * @property {Array<{ name: string, model: string }>} members
 * @property {{ name: string, model: string } | undefined} chairman
 * @property {number | undefined} seed
 * @property {Record<Stage, { status: "waiting" | "running" | "done", members: string[], durationMs?: number }>} stages
 * @property {Record<string, Call>} calls by `stage:member`
 * @property {string[]} chairmen the models that took the chair, in order (more than one after a fallback)
 * @property {Array<{ from: string, to: string, error: any }>} fallbacks
 * @property {any} aggregate
 * @property {string | undefined} title
 * @property {any[]} errors every failure, in order
 * @property {any} result the whole result, once the run has ended
 * @property {string | undefined} problem why the run has no result, when it has none
 */

/**
 * @param {{ id: string, question: string, status?: string }} turn
 * @returns {TurnState}
 */
export function initialTurnState(turn) {
  const stage = () => ({ status: /** @type {const} */ ("waiting"), members: [] });
  return {
    id: turn.id,
    question: turn.question,
    status: turn.status ?? "running",
    members: [],
    chairman: undefined,
    seed: undefined,
    stages: { answer: stage(), review: stage(), chairman: stage() },
    calls: {},
    chairmen: [],
    fallbacks: [],
    aggregate: undefined,
    title: undefined,
    errors: [],
    result: undefined,
    problem: undefined,
  };
}

/**
 * @param {TurnState} state
 * @param {Stage} stage
 * @param {string} member
 * @returns {Call}
 */
export function callOf(state, stage, member) {
  const key = `${stage}:${member}`;
  state.calls[key] ??= { stage, member, status: "waiting", text: "", reasoning: "" };
  if (stage === "chairman" && !state.chairmen.includes(member)) state.chairmen.push(member);
  return state.calls[key];
}

/**
 * Applies one council event to the state (in place, for speed while tokens stream) and returns it.
 * @param {TurnState} state
 * @param {any} event
 * @returns {TurnState}
 */
export function applyCouncilEvent(state, event) {
  switch (event.type) {
    case "council-start":
      state.members = event.members;
      state.chairman = event.chairman;
      state.seed = event.seed;
      break;
    case "stage-start":
      state.stages[/** @type {Stage} */ (event.stage)] = { status: "running", members: event.members };
      for (const member of event.members) callOf(state, event.stage, member);
      break;
    case "stage-end":
      state.stages[/** @type {Stage} */ (event.stage)] = {
        ...state.stages[/** @type {Stage} */ (event.stage)],
        status: "done",
        durationMs: event.durationMs,
      };
      break;
    case "member-start":
      Object.assign(callOf(state, event.stage, event.member), { status: "streaming", model: event.model });
      break;
    case "member-delta": {
      const call = callOf(state, event.stage, event.member);
      call.status = "streaming";
      if (event.reasoning) call.reasoning += event.text;
      else call.text += event.text;
      break;
    }
    case "member-end":
      Object.assign(callOf(state, event.stage, event.member), {
        status: "done",
        model: event.model,
        text: event.text,
        usage: event.usage,
        latencyMs: event.latencyMs,
        finishReason: event.finishReason,
        ...(event.reasoning ? { reasoning: event.reasoning } : {}),
      });
      break;
    case "member-error":
      state.errors.push(event.error);
      if (event.stage !== "title")
        Object.assign(callOf(state, event.stage, event.member), { status: "failed", error: event.error });
      break;
    case "ballot-parsed":
      Object.assign(callOf(state, "review", event.reviewer), {
        labels: event.labels,
        ballot: event.ballot,
        rankedMembers: event.rankedMembers,
      });
      break;
    case "aggregate-ready":
      state.aggregate = event.aggregate;
      break;
    case "chairman-fallback":
      state.fallbacks.push({ from: event.from, to: event.to, error: event.error });
      break;
    case "title-ready":
      state.title = event.title;
      break;
    case "council-end":
      applyResult(state, event.result);
      break;
  }
  return state;
}

/**
 * The result is the record of the run: it completes what the events left open (a cancelled run's calls) and adds
 * what only it holds (reviews de-anonymized).
 * @param {TurnState} state
 * @param {any} result
 */
function applyResult(state, result) {
  state.result = result;
  state.status = result.status;
  state.members = result.members;
  state.chairman = result.chairman;
  state.seed = result.seed;
  if (result.aggregate) state.aggregate = result.aggregate;
  if (result.title) state.title = result.title;
  state.errors = result.errors;
  for (const answer of result.answers)
    Object.assign(callOf(state, "answer", answer.member), {
      status: "done",
      ...answer,
      reasoning: answer.reasoning ?? "",
    });
  for (const review of result.reviews)
    Object.assign(callOf(state, "review", review.reviewer), {
      status: "done",
      model: review.model,
      text: review.text,
      usage: review.usage,
      latencyMs: review.latencyMs,
      labels: review.labels,
      ballot: review.ballot,
      rankedMembers: review.rankedMembers,
      deanonymizedText: review.deanonymizedText,
    });
  if (result.final)
    Object.assign(callOf(state, "chairman", result.final.chairman), {
      status: "done",
      model: result.final.model,
      text: result.final.text,
      reasoning: result.final.reasoning ?? "",
      usage: result.final.usage,
      latencyMs: result.final.latencyMs,
    });
  closeOpenCalls(state);
}

/**
 * Calls still open when a run ended (stopped, or the server went away) did not finish.
 * @param {TurnState} state
 */
export function closeOpenCalls(state) {
  for (const call of Object.values(state.calls))
    if (call.status === "waiting" || call.status === "streaming") call.status = "stopped";
}

/**
 * A stored turn as the page shows it: its events replayed, then its result.
 * @param {{ id: string, question: string, status: string, events: any[], result?: any, error?: string }} turn
 * @returns {TurnState}
 */
export function stateOfStoredTurn(turn) {
  const state = initialTurnState(turn);
  for (const event of turn.events) applyCouncilEvent(state, event);
  if (turn.result) applyCouncilEvent(state, { type: "council-end", result: turn.result });
  state.status = turn.status;
  state.problem = turn.error;
  if (turn.status !== "running") closeOpenCalls(state);
  return state;
}
