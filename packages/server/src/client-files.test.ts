/** The browser modules the apps share: present, and type-checked as DOM code. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { eventStreamClientFiles } from "./client-files.js";

test("the event stream reader and its parser are served from files that exist", () => {
  const files = eventStreamClientFiles();
  expect(Object.keys(files).sort()).toEqual(["event-stream-reader.js", "vendor-eventsource-parser.js"]);
  for (const path of Object.values(files)) expect(existsSync(path)).toBe(true);
});

test("the reader type-checks as DOM code", () => {
  execFileSync(
    process.execPath,
    ["node_modules/typescript/bin/tsc", "-p", "packages/server/src/client/tsconfig.json"],
    {
      cwd: join(import.meta.dirname, "../../.."),
    },
  );
});
