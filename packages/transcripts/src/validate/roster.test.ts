import { describe, expect, test } from "vitest";
import { readRoster } from "./roster.js";

describe("readRoster", () => {
  test("reads one name per line, a YAML list, or hosts/speakers/guests lists", () => {
    expect(readRoster("# hosts\nStefano Maestri\n\nAlessio Soldano\n")).toEqual(["Stefano Maestri", "Alessio Soldano"]);
    expect(readRoster("- Stefano Maestri\n- name: Paolo Antinori\n")).toEqual(["Stefano Maestri", "Paolo Antinori"]);
    expect(readRoster("title: Risorse Artificiali\npodcast:\n  hosts: [A, B]\n  guests:\n    - C\n")).toEqual([
      "A",
      "B",
      "C",
    ]);
    expect(readRoster("Stefano Maestri\n")).toEqual(["Stefano Maestri"]);
  });

  test("a mapping without names names the file", () => {
    expect(() => readRoster("title: x\n", { file: "_config.yml" })).toThrow(
      /^_config\.yml:1: expected a list of names/,
    );
  });
});
