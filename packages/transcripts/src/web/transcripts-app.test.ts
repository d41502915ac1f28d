/**
 * The transcripts app on the real server over loopback HTTP: import at start, search, ask through a scripted model,
 * the posts rendered with Jekyll's anchors, and the page's modules type-checked as DOM code.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoopbackServer, sendEvents, sendJson, startLoopbackServer } from "@trama/models/testing";
import { type RunningServer, startServer } from "@trama/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writePosts } from "../search/__fixtures__/posts.js";
import { transcriptsApp } from "./transcripts-app.js";

let posts: string;
let data: string;
let server: RunningServer;
let model: LoopbackServer;
const progress: string[] = [];

beforeAll(async () => {
  posts = writePosts();
  data = mkdtempSync(join(tmpdir(), "trama-transcripts-app-"));
  model = await startLoopbackServer({
    "POST /v1/chat/completions": async (request, response) => {
      const prompt = (request.body.messages as Array<{ content: string }>).at(-1)!.content;
      const number = /<<<EXCERPT (\d+) [0-9a-f]+>>>\n[^\n]*\n[^\n]*\nIl libro resta/.exec(prompt)?.[1] ?? "9";
      const reply = `Un medium <b>straordinario</b> [${number}].`;
      if (request.body.stream !== true)
        return sendJson(response, 200, {
          id: "x",
          object: "chat.completion",
          created: 1,
          model: "qa",
          choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }],
        });
      // Streamed in pieces of a few characters, as a server sends tokens.
      const chunk = (delta: object, finish: string | null) => ({
        id: "x",
        object: "chat.completion.chunk",
        model: "qa",
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
      await sendEvents(response, [
        ...(reply.match(/[\s\S]{1,8}/g) ?? []).map((piece) => chunk({ content: piece }, null)),
        chunk({}, "stop"),
        "[DONE]",
      ]);
    },
  });
  server = await startServer({
    apps: [
      transcriptsApp({
        posts,
        env: { TRAMA_DATA_DIR: data },
        glossary: [{ heard: "cloud", term: "Claude" }],
        model: `openai-compatible:${model.url}/v1#qa`,
        onImportProgress: ({ done, total, status }) => progress.push(`${done}/${total} ${status}`),
      }),
    ],
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  await model.close();
  rmSync(posts, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

const get = async (path: string) => fetch(`${server.url}transcripts/${path}`);

/** The events of a streamed answer to `question`, each with its data parsed. */
async function askStreamed(question: string): Promise<Array<{ event: string; data: any }>> {
  const response = await fetch(`${server.url}transcripts/api/ask`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ question }),
  });
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  return (await response.text())
    .split("\n\n")
    .filter((block) => block.startsWith("event:"))
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)![1]!,
      data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!),
    }));
}

describe("transcriptsApp", () => {
  test("imports the posts at start into transcripts.db in the data folder", async () => {
    expect(progress).toEqual(["1/2 indexed", "2/2 indexed"]);
    expect(await (await get("api/info")).json()).toEqual({ documents: 6, posts: 2, ask: true, modes: ["keyword"] });
  });

  test("searches, linking to its own rendering of the post at the chapter's anchor", async () => {
    const { hits } = (await (await get(`api/search?q=${encodeURIComponent("Claude")}`)).json()) as { hits: any[] };
    expect(hits.map((hit: { speaker: string }) => hit.speaker).sort()).toEqual(["Alessandro Maserati", "Paolo"]);
    const paolo = hits.find((hit: { speaker: string }) => hit.speaker === "Paolo");
    expect(paolo.postUrl).toBe("/transcripts/posts/Puntata42/#0000-introduzione-e-mood-della-puntata");
    const page = await (await get("posts/Puntata42/")).text();
    expect(page).toContain('<h2 id="0000-introduzione-e-mood-della-puntata">[00:00] Introduzione e Mood della Puntata');
    expect(page).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    expect((await get("posts/nothing/")).status).toBe(404);
  });

  test("answers questions with citations linked to the second", async () => {
    const response = await fetch(`${server.url}transcripts/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "Che cosa pensano del libro?" }),
    });
    const answer = (await response.json()) as any;
    expect(answer.citations.map(({ hit }: { hit: { speaker: string } }) => hit.speaker)).toEqual(["Alessio"]);
    expect(answer.html).toContain('href="https://www.youtube.com/watch?v=nitLzgXt33M&#38;t=329s"');
    // The model's markup is escaped in the answer's HTML.
    expect(answer.html).toMatch(/^Un medium &#60;b&#62;straordinario&#60;\/b&#62; <a class="citation"/);
  });

  test("streams the answer as server-sent events: the text as it is written, then the answer with citations", async () => {
    const events = await askStreamed("Che cosa pensano del libro?");
    const deltas = events.filter((event) => event.event === "delta").map((event) => event.data.text as string);
    expect(deltas.length).toBeGreaterThan(1);
    const last = events.at(-1)!;
    expect(last.event).toBe("answer");
    expect(deltas.join("")).toBe(last.data.answer);
    expect(last.data.citations.map(({ hit }: { hit: { speaker: string } }) => hit.speaker)).toEqual(["Alessio"]);
    const nothing = await askStreamed("zzzz qqqq");
    expect(nothing.map((event) => [event.event, event.data.code])).toEqual([["error", "no_match"]]);
  });

  test("refuses bad requests with a reason", async () => {
    const mode = await get("api/search?q=x&mode=fuzzy");
    expect([mode.status, ((await mode.json()) as any).error.message]).toEqual([
      400,
      "'mode' is keyword, semantic or hybrid, not 'fuzzy'.",
    ]);
    const semantic = await get("api/search?q=x&mode=semantic");
    expect(semantic.status).toBe(400);
  });

  test("a restart after a post left the folder removes its episode, and logs it", async () => {
    const folder = writePosts();
    const dataDir = mkdtempSync(join(tmpdir(), "trama-transcripts-app-prune-"));
    const lines: string[] = [];
    const start = async () => {
      const running = await startServer({
        apps: [transcriptsApp({ posts: folder, env: { TRAMA_DATA_DIR: dataDir } })],
        port: 0,
        log: (line) => lines.push(line),
      });
      const info = (await (await fetch(`${running.url}transcripts/api/info`)).json()) as { documents: number };
      await running.close();
      return info.documents;
    };
    try {
      expect(await start()).toBe(6);
      rmSync(join(folder, "2026-02-04-Intervista-Alessandro-Maserati.md"));
      expect(await start()).toBe(4);
      expect(lines).toContain(
        `transcripts: Removed 1 episode no longer in ${folder}: 2026-02-04-Intervista-Alessandro-Maserati.md.`,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("the page's modules type-check as DOM code", () => {
    execFileSync(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "packages/transcripts/src/web/client/tsconfig.json"],
      {
        cwd: join(import.meta.dirname, "../../../.."),
      },
    );
  });
});
