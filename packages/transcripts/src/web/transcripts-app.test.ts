/**
 * The transcripts app on the real server over loopback HTTP: import at start, search, ask through a scripted model,
 * the posts rendered with Jekyll's anchors, and the page's modules type-checked as DOM code.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoopbackServer, sendJson, startLoopbackServer } from "@trama/models/testing";
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
    "POST /v1/chat/completions": (request, response) => {
      const prompt = (request.body.messages as Array<{ content: string }>).at(-1)!.content;
      const number = /<<<EXCERPT (\d+) [0-9a-f]+>>>\n[^\n]*\n[^\n]*\nIl libro resta/.exec(prompt)?.[1] ?? "9";
      sendJson(response, 200, {
        id: "x",
        object: "chat.completion",
        created: 1,
        model: "qa",
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: `Un medium straordinario [${number}].` },
            finish_reason: "stop",
          },
        ],
      });
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
