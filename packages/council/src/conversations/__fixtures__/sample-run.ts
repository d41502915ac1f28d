/**
 * A complete council run as plain data, events and result, shaped as `runCouncil` produces them, for tests of what
 * stores, exports and renders runs (the engine's own tests run real councils).
 */
import type { CouncilEvent } from "../../council-events.js";
import type { CouncilResult, LabelAssignment, MemberInfo } from "../../council-result.js";

const members: MemberInfo[] = [
  { name: "alpha", model: "openai-compatible:http://127.0.0.1:1/v1#alpha" },
  { name: "beta", model: "openai-compatible:http://127.0.0.1:2/v1#beta" },
  { name: "gamma", model: "openai-compatible:http://127.0.0.1:3/v1#gamma" },
];

/** A run where gamma's review fails after streaming part of it, so stored events carry text the result does not. */
export function sampleRun(question = "Why is the sky blue?"): { events: CouncilEvent[]; result: CouncilResult } {
  const labels: Record<string, LabelAssignment[]> = {
    alpha: [
      { label: "A", member: "beta" },
      { label: "B", member: "alpha" },
      { label: "C", member: "gamma" },
    ],
    beta: [
      { label: "A", member: "gamma" },
      { label: "B", member: "beta" },
      { label: "C", member: "alpha" },
    ],
  };
  const answers = {
    alpha: "Rayleigh scattering: short **blue** wavelengths scatter most.",
    beta: "Sunlight scatters off air molecules; blue scatters more than red.",
    gamma: "Because of the ocean's reflection.",
  };
  const usage = { inputTokens: 20, outputTokens: 12, totalTokens: 32, cost: 0.0001 };
  const result: CouncilResult = {
    version: 1,
    status: "complete",
    question,
    history: [],
    members,
    chairman: members[0]!,
    seed: 42,
    answers: members.map((member) => ({
      member: member.name,
      model: member.model,
      text: answers[member.name as keyof typeof answers],
      usage,
      latencyMs: 120,
      firstTokenMs: 30,
      finishReason: "stop",
    })),
    reviews: [
      {
        reviewer: "alpha",
        model: members[0]!.model,
        labels: labels.alpha!,
        text: "Response A is precise. Response C is wrong.\nFINAL RANKING:\n1. Response A\n2. Response B\n3. Response C",
        deanonymizedText: "beta is precise. gamma is wrong.\nFINAL RANKING:\n1. beta\n2. alpha\n3. gamma",
        ballot: { ranking: ["A", "B", "C"], status: "complete", format: "final-ranking" },
        rankedMembers: ["beta", "alpha", "gamma"],
        usage,
        latencyMs: 200,
      },
      {
        reviewer: "beta",
        model: members[1]!.model,
        labels: labels.beta!,
        text: '{"ranking": ["C", "B"]}',
        deanonymizedText: '{"ranking": ["alpha", "beta"]}',
        ballot: { ranking: ["C", "B"], status: "partial", format: "json", problem: "A is not ranked" },
        rankedMembers: ["alpha", "beta"],
        usage,
        latencyMs: 210,
      },
    ],
    aggregate: {
      rows: [
        {
          member: "beta",
          place: 1,
          borda: 1,
          averageRank: 1,
          ballots: 1,
          firstPlaces: 1,
          selfRank: 2,
          selfBallotSize: 2,
        },
        {
          member: "alpha",
          place: 2,
          borda: 0.75,
          averageRank: 1,
          ballots: 0.5,
          firstPlaces: 1,
          selfRank: 2,
          selfBallotSize: 3,
        },
        { member: "gamma", place: 3, borda: 0, averageRank: 2, ballots: 1, firstPlaces: 0 },
      ],
      counted: ["alpha", "beta"],
      ignored: [{ reviewer: "gamma", status: "failed", problem: "HTTP 500" }],
      clear: false,
      flags: [{ kind: "few-ballots", members: ["beta", "alpha"], message: "Only 2 ballots were counted." }],
    },
    final: {
      text: "The sky is blue because of **Rayleigh scattering**.",
      chairman: "alpha",
      model: members[0]!.model,
      role: "chairman",
      usage,
      latencyMs: 300,
      firstTokenMs: 40,
    },
    title: "Blue sky",
    totals: members.map((member) => ({
      member: member.name,
      model: member.model,
      role: "member",
      usage,
      latencyMs: 400,
      failed: member.name === "gamma",
    })),
    errors: [
      {
        stage: "review",
        member: "gamma",
        model: members[2]!.model,
        message: "gamma failed: HTTP 500 from 127.0.0.1:3 (server exploded). Retried 2 times.",
        name: "ProviderError",
        statusCode: 500,
      },
    ],
    startedAt: "2026-12-05T10:00:00.000Z",
    durationMs: 900,
  };
  const events: CouncilEvent[] = [
    { type: "council-start", question, members, chairman: members[0]!, seed: 42, startedAt: result.startedAt },
    { type: "stage-start", stage: "answer", members: members.map((member) => member.name) },
  ];
  for (const member of members)
    events.push({ type: "member-start", stage: "answer", member: member.name, model: member.model });
  for (const member of members) {
    const text = answers[member.name as keyof typeof answers];
    const half = Math.floor(text.length / 2);
    events.push({ type: "member-delta", stage: "answer", member: member.name, text: text.slice(0, half) });
    events.push({ type: "member-delta", stage: "answer", member: member.name, text: text.slice(half) });
  }
  for (const answer of result.answers) events.push({ type: "member-end", stage: "answer", ...answer });
  events.push({
    type: "stage-end",
    stage: "answer",
    durationMs: 130,
    completed: ["alpha", "beta", "gamma"],
    failed: [],
  });
  events.push({ type: "stage-start", stage: "review", members: ["alpha", "beta", "gamma"] });
  for (const review of result.reviews) {
    events.push({ type: "member-start", stage: "review", member: review.reviewer, model: review.model });
    events.push({ type: "member-delta", stage: "review", member: review.reviewer, text: review.text });
    events.push({
      type: "member-end",
      stage: "review",
      member: review.reviewer,
      model: review.model,
      text: review.text,
      usage,
      latencyMs: review.latencyMs,
    });
    events.push({
      type: "ballot-parsed",
      reviewer: review.reviewer,
      labels: review.labels,
      ballot: review.ballot,
      rankedMembers: review.rankedMembers,
    });
  }
  events.push({ type: "member-start", stage: "review", member: "gamma", model: members[2]!.model });
  events.push({ type: "member-delta", stage: "review", member: "gamma", text: "Response A is" });
  events.push({ type: "member-error", stage: "review", member: "gamma", error: result.errors[0]! });
  events.push({ type: "stage-end", stage: "review", durationMs: 220, completed: ["alpha", "beta"], failed: ["gamma"] });
  events.push({ type: "aggregate-ready", aggregate: result.aggregate! });
  events.push({ type: "stage-start", stage: "chairman", members: ["alpha"] });
  events.push({ type: "member-start", stage: "chairman", member: "alpha", model: members[0]!.model });
  for (const word of result.final!.text.split(/(?<= )/))
    events.push({ type: "member-delta", stage: "chairman", member: "alpha", text: word });
  events.push({
    type: "member-end",
    stage: "chairman",
    member: "alpha",
    model: members[0]!.model,
    text: result.final!.text,
    usage,
    latencyMs: 300,
  });
  events.push({ type: "stage-end", stage: "chairman", durationMs: 300, completed: ["alpha"], failed: [] });
  events.push({
    type: "title-ready",
    title: "Blue sky",
    member: "alpha",
    model: members[0]!.model,
    usage,
    latencyMs: 50,
  });
  events.push({ type: "council-end", result });
  return { events, result };
}
