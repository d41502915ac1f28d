import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parseIsoDuration } from "./front-matter-checks.js";
import { formatIssues } from "./post-issue.js";
import { postRoster, validatePost } from "./validate-post.js";

const roster = ["Stefano Maestri", "Alessio Soldano", "Paolo Antinori"];

const good = `---
title: "Titolo"
date: 2026-04-25
layout: episode
episode_type: numerato
youtube_id: OHoJ-ZE68_Q
duration: PT10M
description: >-
  Descrizione.
categories:
  - Puntate
tags:
  - AI
---

## **[00:00] Intro**

**Stefano Maestri**

> Ciao.

## **[05:09] Fine**

**Paolo Antinori**

> Ciao a tutti.
`;

/** The rules broken by a text, as `line:severity:rule`. */
function findings(text: string, options: { roster?: string[] } = { roster }): string[] {
  return validatePost(text, { file: "post.md", ...options }).issues.map(
    (issue) => `${issue.line}:${issue.severity}:${issue.rule}`,
  );
}

describe("validatePost", () => {
  test("a post in the show's convention is valid", () => {
    expect(validatePost(good, { roster })).toEqual({
      file: "<input>",
      issues: [],
      errors: 0,
      warnings: 0,
      valid: true,
    });
  });

  test("front matter after a blank line is an error: Jekyll would not see it", () => {
    const result = validatePost(`\n${good}`, { file: "late.md", roster });
    expect(result.valid).toBe(false);
    expect(formatIssues(result)[0]).toMatch(
      /^late\.md:1: error \[front-matter-at-byte-0\] The front matter starts after 1 blank line/,
    );
  });

  test("invalid YAML and missing front matter are errors with their line", () => {
    expect(findings(good.replace("tags:\n  - AI", "tags: [AI"))).toEqual(["12:error:front-matter"]);
    expect(validatePost("## [00:00] Intro\n").issues[0]).toMatchObject({
      line: 1,
      rule: "front-matter",
      severity: "error",
    });
    expect(validatePost("---\ntitle: x\n").issues[0]!.message).toContain("closing `---`");
  });

  test("required keys and malformed values", () => {
    const text = good
      .replace('title: "Titolo"\n', "")
      .replace("duration: PT10M", "duration: 10 minutes")
      .replace("date: 2026-04-25", "date: 25/04/2026")
      .replace("  - AI", "  - AI\n  - yes");
    expect(findings(text)).toEqual(["1:error:required-key", "2:error:date", "6:error:duration", "11:warning:yaml-1.1"]);
  });

  test("chapters: strictly increasing, within the duration, not empty, well-formed", () => {
    const text = good
      .replace(
        "## **[05:09] Fine**",
        "## **[00:00] Ancora**\n\n## **[12:00] Fuori**\n\n## [13:00] Vecchio stile\n\n## **[1:75] Rotto**\n\n## **[14:00] Fine**",
      )
      .replace("duration: PT10M", "duration: PT1H");
    expect(findings(text)).toEqual([
      "22:error:empty-chapter",
      "22:error:chapter-order",
      "24:error:empty-chapter",
      "26:error:empty-chapter",
      "26:warning:heading-style",
      "28:error:heading-time",
      "28:error:empty-chapter",
    ]);
    expect(findings(good.replace("duration: PT10M", "duration: PT5M"))).toEqual(["22:error:chapter-duration"]);
  });

  test("speakers from the roster, with the front matter's guests; first names alone suggest the full name", () => {
    const text = good
      .replace("**Paolo Antinori**", "**Paolo**")
      .replace("layout: episode", "layout: episode\nguest_name: Mario Fusco");
    const result = validatePost(text, { roster });
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.message).toContain('Did you mean "Paolo Antinori"?');
    expect(findings(text, {})).toEqual([]);
    const twice = validatePost(`${text}\n**Paolo**\n\n> Ancora.\n`, { roster });
    expect(twice.issues.map((issue) => issue.line)).toEqual([25]);
    expect(twice.issues[0]!.message).toContain("It names 2 turns, the first here.");
    expect(postRoster({ guest_name: "Mario Fusco" }, roster)).toEqual([...roster, "Mario Fusco"]);
    expect(postRoster({ guest_name: "Mario Fusco" })).toEqual([]);
    expect(postRoster({ hosts: ["A", "B"], guests: ["C"] })).toEqual(["A", "B", "C"]);
  });

  test("words outside turns, empty turns, rules and Liquid tags", () => {
    const text = good.replace("> Ciao a tutti.", "> Ciao {{ a }} tutti.\n\n---\n\nV\n\n**Alessio Soldano**\n");
    expect(findings(text)).toEqual([
      "26:error:liquid",
      "28:warning:rule",
      "30:error:text-outside-turn",
      "32:error:empty-turn",
    ]);
  });

  test("reads ISO 8601 durations", () => {
    expect(parseIsoDuration("PT1H10M28S")).toBe(4228);
    expect(parseIsoDuration("PT58M")).toBe(3480);
    expect(parseIsoDuration("P1DT0.5S")).toBe(86400.5);
    expect(parseIsoDuration("PT")).toBeUndefined();
    expect(parseIsoDuration("1h")).toBeUndefined();
  });
});

const ep49 = fileURLToPath(new URL("../../../../../shared/data/podcast/raw/ep49/post.md", import.meta.url));

describe.skipIf(!existsSync(ep49))("validatePost on the real ep49 post (../shared/data)", () => {
  test("finds nothing wrong", () => {
    expect(validatePost(readFileSync(ep49, "utf8"), { roster }).issues).toEqual([]);
  });
});
if (!existsSync(ep49)) console.warn(`skipped: the shared test data is absent (${ep49})`);
