/**
 * `--help` (or `-h`, or `help <words>`) at any depth prints the usage of the deepest command named, with its options:
 * `trama transcripts merge --help` is merge's usage, not the transcripts group's.
 */
import { describe, expect, test } from "vitest";
import { commandLoaders } from "./commands.js";
import { runCliCaptured } from "./testing.js";

/** The subcommand names a group's usage lists under `Subcommands:`. */
function listedSubcommands(groupUsage: string): string[] {
  const section = groupUsage.split("Subcommands:\n")[1] ?? "";
  return [...section.matchAll(/^ {2}(\S+) {2,}/gm)].map((match) => match[1]!);
}

async function expectUsage(args: string[], words: string): Promise<string> {
  const run = await runCliCaptured(args);
  expect(run, `trama ${args.join(" ")}`).toMatchObject({ code: 0, stderr: "" });
  expect(run.stdout, `trama ${args.join(" ")}`).toMatch(new RegExp(`^Usage: trama ${words}\\b`));
  return run.stdout;
}

describe("trama --help", () => {
  test("every command prints its own usage, with its options", async () => {
    for (const name of Object.keys(commandLoaders)) {
      const usage = await expectUsage([name, "--help"], name);
      expect(await expectUsage([name, "-h"], name)).toBe(usage);
      expect(await expectUsage(["help", name], name)).toBe(usage);
      if (name !== "transcripts") expect(usage, `trama ${name} --help`).toMatch(/\n\s*--[a-z]/);
    }
  });

  test("every transcripts subcommand prints its own usage and options, whichever way help is asked", async () => {
    const group = await expectUsage(["transcripts", "--help"], "transcripts");
    const names = listedSubcommands(group);
    expect(names).toEqual(["ask", "import", "merge", "search", "site", "validate"]);
    for (const name of names) {
      const usage = await expectUsage(["transcripts", name, "--help"], `transcripts ${name}`);
      expect(usage, `trama transcripts ${name} --help`).toMatch(/\n\s*--[a-z]/);
      expect(usage).not.toContain("Subcommands:");
      expect(usage).toContain("-h, --help");
      expect(await expectUsage(["transcripts", name, "-h"], `transcripts ${name}`)).toBe(usage);
      expect(await expectUsage(["transcripts", "help", name], `transcripts ${name}`)).toBe(usage);
      expect(await expectUsage(["help", "transcripts", name], `transcripts ${name}`)).toBe(usage);
    }
  });

  test("help after a subcommand's arguments still names the subcommand", async () => {
    const usage = await expectUsage(["transcripts", "merge", "--speakers", "x.txt", "--help"], "transcripts merge");
    expect(usage).toContain("--speakers <file>");
  });

  test("an unknown subcommand with --help shows the group's usage, listing the real ones", async () => {
    const usage = await expectUsage(["transcripts", "frobnicate", "--help"], "transcripts");
    expect(listedSubcommands(usage)).toContain("merge");
  });
});
