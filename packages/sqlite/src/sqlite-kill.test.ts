import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteDocumentStore } from "./sqlite-document-store.js";

const support = fileURLToPath(new URL("./test-support/", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "trama-sqlite-kill-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const BATCH = 200;

/** Starts the writer child and resolves each time it reports a committed batch. */
function startWriter(path: string): {
  child: ChildProcess;
  committed: () => number;
  until: (batches: number) => Promise<void>;
} {
  const child = spawn(
    process.execPath,
    [
      "--conditions=@trama/source",
      "--import",
      join(support, "register-ts.mjs"),
      join(support, "kill-writer.ts"),
      path,
      String(BATCH),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let committed = -1;
  let errors = "";
  const waiters: Array<() => void> = [];
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) committed = Number(line);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const until = (batches: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (committed + 1 >= batches) resolve();
        else waiters.push(check);
      };
      child.once("exit", (code) =>
        reject(new Error(`The writer exited (${code}) after ${committed + 1} batches: ${errors}`)),
      );
      check();
    });
  return { child, committed: () => committed, until };
}

describe("SqliteDocumentStore under a killed writer", () => {
  it("keeps every committed batch, no partial one, and an intact file after SIGKILL mid-write; readers read meanwhile", async () => {
    const path = join(folder, "killed.db");
    const writer = startWriter(path);
    await writer.until(3);
    const reader = new SqliteDocumentStore({ path });
    for (let read = 0; read < 5; read++) {
      const seen = writer.committed() + 1;
      const count = await reader.count();
      expect(count % BATCH).toBe(0);
      expect(count).toBeGreaterThanOrEqual(seen * BATCH);
      expect((await reader.keywordSearch("batch0", { topK: 3 })).length).toBe(3);
      await writer.until(seen + 2);
    }
    await reader.close();
    const exited = new Promise((resolve) => writer.child.once("exit", resolve));
    writer.child.kill("SIGKILL");
    await exited;
    const reported = writer.committed() + 1;

    const raw = new Database(path);
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    raw.exec("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')");
    const batches = raw
      .prepare(
        "SELECT json_extract(meta, '$.batch') AS batch, count(*) AS documents FROM documents GROUP BY batch ORDER BY batch",
      )
      .all() as Array<{ batch: number; documents: number }>;
    // Every batch the writer reported is there; at most one more committed before its report; none is partial.
    expect(batches.length === reported || batches.length === reported + 1).toBe(true);
    expect(batches).toEqual(batches.map((_, index) => ({ batch: index, documents: BATCH })));
    expect(raw.prepare("SELECT count(*) AS n FROM embeddings").get()).toEqual({ n: batches.length * BATCH });
    raw.close();

    const reopened = new SqliteDocumentStore({ path });
    expect(await reopened.count()).toBe(batches.length * BATCH);
    const last = batches.length - 1;
    expect((await reopened.keywordSearch(`batch${last}`, { topK: BATCH + 1 })).length).toBe(BATCH);
    await reopened.close();
  });
});
