import { describe, expect, it } from "vitest";
import { parseJson, parseJsonReply } from "./parse-json.js";

describe("parseJsonReply", () => {
  it("finds the JSON however the model wrapped it", () => {
    expect(parseJsonReply('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonReply('Sure:\n```json\n{"a": [1, 2,],}\n```\nDone.')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonReply('The set {x} is small. Answer: {"b": "}"} ok')).toEqual({ ok: true, value: { b: "}" } });
    expect(parseJsonReply("Ranking: [3, 1] then")).toEqual({ ok: true, value: [3, 1] });
  });

  it("fails with a reason on replies without JSON, and never lets a reply set a prototype", () => {
    expect(parseJsonReply("no json here")).toEqual({
      ok: false,
      error: expect.stringMatching(/^no JSON found in the reply/),
    });
    expect(parseJsonReply("")).toEqual({ ok: false, error: expect.stringMatching(/^no JSON found/) });
    const parsed = parseJson('{"__proto__": {"polluted": true}, "a": 1}');
    expect(parsed.ok && (parsed.value as Record<string, unknown>).polluted).toBe(undefined);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
