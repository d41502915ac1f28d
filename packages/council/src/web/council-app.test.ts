import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { TramaError } from "@trama/core";
import { type RunningServer, startServer } from "@trama/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConversationStore } from "../conversations/conversation-store.js";
import { type ScriptedMember, startScriptedMember } from "../testing/scripted-member.js";
import { councilApp } from "./council-app.js";

let folder: string;
let members: ScriptedMember[] = [];
let server: RunningServer | undefined;
const json = { "content-type": "application/json" };
const longAnswer = "word ".repeat(1200);

/** A setup failure as the council's resolver throws them: a Trama error whose message says what to do. */
class SetupError extends TramaError {}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "trama-council-app-"));
  members = await Promise.all(
    ["alpha", "beta"].map((model) =>
      startScriptedMember({
        model,
        tokenDelayMs: 5,
        answer: (question) => (question.includes("slow") ? longAnswer : `${model} answers.`),
      }),
    ),
  );
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await Promise.all(members.map((member) => member.close()));
  rmSync(folder, { recursive: true, force: true });
});

const council = () => ({
  members: members.map((member, index) => ({ model: member.shorthand, name: ["alpha", "beta"][index]! })),
});

async function start(options: { council?: Parameters<typeof councilApp>[0]["council"]; database?: string } = {}) {
  server = await startServer({
    apps: [
      councilApp({ council: options.council ?? council(), databasePath: options.database ?? join(folder, "app.db") }),
    ],
    port: 0,
    log: () => {},
  });
  const api = `${server.url}council/api/conversations`;
  const create = async () =>
    ((await (await fetch(api, { method: "POST", headers: json, body: "{}" })).json()) as any).conversation.id as string;
  const ask = (id: string, question: string) =>
    fetch(`${api}/${id}/turns`, { method: "POST", headers: json, body: JSON.stringify({ question }) });
  return { api, create, ask };
}

/** Reads an event stream until `until` says stop (then cancels it) or it ends; returns the events. */
async function read(response: Response, until: (event: { event: string; data: any }) => boolean = () => false) {
  const events: Array<{ event: string; data: any }> = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return events;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (name === undefined || data === undefined) continue;
      events.push({ event: name, data: JSON.parse(data) });
      if (until(events.at(-1)!)) {
        await reader.cancel();
        return events;
      }
    }
  }
}

const firstDelta = (event: { data: any }) => event.data?.type === "member-delta";

describe("councilApp", () => {
  it("runs one council at a time per conversation, and goes on when the page goes away", async () => {
    const { api, create, ask } = await start();
    const id = await create();
    await read(await ask(id, "A slow one?"), firstDelta);
    const busy = await ask(id, "Another?");
    expect(busy.status).toBe(409);
    expect(((await busy.json()) as any).error.message).toMatch(/still answering in this conversation/);
    // Re-attaching replays the run from its first event, then follows it to the end.
    const again = await read(await fetch(`${api}/${id}/live`));
    expect(again[0]).toMatchObject({
      event: "turn",
      data: { question: "A slow one?", conversationTitle: "A slow one?" },
    });
    expect(again[1]!.data.type).toBe("council-start");
    expect(again.at(-1)).toMatchObject({ event: "stored", data: { status: "complete" } });
    expect((await fetch(`${api}/${id}/live`)).status).toBe(404);
  });

  it("stops a run, keeping what was streamed, and deletes a conversation whose run is going", async () => {
    const { api, create, ask } = await start();
    const id = await create();
    const stream = ask(id, "A slow one?");
    const events = read(await stream, () => false);
    await read(await fetch(`${api}/${id}/live`), firstDelta);
    expect(await (await fetch(`${api}/${id}/stop`, { method: "POST", headers: json, body: "{}" })).json()).toEqual({
      stopped: true,
    });
    const all = await events;
    expect(all.at(-1)).toMatchObject({ event: "stored", data: { status: "cancelled" } });
    const { conversation } = (await (await fetch(`${api}/${id}`)).json()) as any;
    expect(conversation.turns[0].status).toBe("cancelled");
    expect(conversation.turns[0].events.some((event: any) => event.type === "member-delta")).toBe(true);

    const other = await create();
    await read(await ask(other, "A slow one?"), firstDelta);
    expect(await (await fetch(`${api}/${other}`, { method: "DELETE" })).json()).toEqual({ deleted: other });
    expect((await fetch(`${api}/${other}`)).status).toBe(404);
    expect((await fetch(`${api}/${other}`, { method: "DELETE" })).status).toBe(404);
  });

  it("cancels and stores running councils when the server shuts down", async () => {
    const database = join(folder, "shutdown.db");
    const { create, ask } = await start({ database });
    const id = await create();
    await read(await ask(id, "A slow one?"), firstDelta);
    await server!.close();
    server = undefined;
    const store = ConversationStore.open({ path: database });
    try {
      const turn = store.getConversation(id)!.turns[0]!;
      expect(turn.status).toBe("cancelled");
      expect(turn.result?.status).toBe("cancelled");
    } finally {
      store.close();
    }
  });

  it("stores a council that cannot be set up as a failed turn that says why, and tries again on the next question", async () => {
    let calls = 0;
    const { api, create, ask } = await start({
      council: () => {
        calls++;
        if (calls === 1) throw new SetupError("No council file and no Ollama: put council.yaml here.");
        return council();
      },
    });
    const id = await create();
    const failed = await read(await ask(id, "First?"));
    expect(failed.at(-1)).toMatchObject({
      event: "stored",
      data: { status: "failed", error: "No council file and no Ollama: put council.yaml here." },
    });
    const answered = await read(await ask(id, "Second?"));
    expect(answered.at(-1)).toMatchObject({ event: "stored", data: { status: "complete" } });
    const { conversation } = (await (await fetch(`${api}/${id}`)).json()) as any;
    expect(conversation.turns.map((turn: any) => [turn.status, turn.error])).toEqual([
      ["failed", "No council file and no Ollama: put council.yaml here."],
      ["complete", undefined],
    ]);
  });

  it("names who would answer before any question, without resolving a council given as a function", async () => {
    await start();
    const described = await (await fetch(`${server!.url}council/api/council`)).json();
    expect(described).toEqual({ members: ["alpha", "beta"], chairman: "alpha", notes: [] });
    await server!.close();
    // A council resolved at the first question (it may download models) is described by `describe` alone…
    let resolved = 0;
    server = await startServer({
      apps: [
        councilApp({
          council: () => {
            resolved++;
            return council();
          },
          describe: () => ({ config: { ...council(), chairman: "beta" }, notes: ["From a council file."] }),
          databasePath: join(folder, "describe.db"),
        }),
      ],
      port: 0,
      log: () => {},
    });
    expect(await (await fetch(`${server.url}council/api/council`)).json()).toEqual({
      members: ["alpha", "beta"],
      chairman: "beta",
      notes: ["From a council file."],
    });
    expect(resolved).toBe(0);
    await server.close();
    // …and one that cannot be described says why.
    server = await startServer({
      apps: [
        councilApp({
          council: council,
          describe: () => {
            throw new SetupError("The council file council.yaml:3 names no members.");
          },
          databasePath: join(folder, "describe-error.db"),
        }),
      ],
      port: 0,
      log: () => {},
    });
    expect(await (await fetch(`${server.url}council/api/council`)).json()).toEqual({
      members: [],
      notes: ["The council file council.yaml:3 names no members."],
    });
  });

  it("checks questions and names what is wrong", async () => {
    const { api, create, ask } = await start();
    const id = await create();
    expect(((await (await ask(id, "  ")).json()) as any).error.message).toBe("The field 'question' is empty.");
    expect((await ask("nope", "Hello?")).status).toBe(404);
    const tooLong = await ask(id, "x".repeat(20_001));
    expect(((await tooLong.json()) as any).error.message).toMatch(/20001 characters long; at most 20000/);
    const exported = await fetch(`${api}/${id}/export.md`);
    expect(exported.headers.get("content-disposition")).toBe('attachment; filename="new-conversation.md"');
  });
});

describe("the page's modules", () => {
  it("type-check (plain JavaScript with JSDoc types, checked as the browser's DOM)", async () => {
    const root = fileURLToPath(new URL("../../../../", import.meta.url));
    const run = promisify(execFile)(
      join(root, "node_modules/.bin/tsc"),
      ["-p", "packages/council/src/web/client/tsconfig.json"],
      {
        cwd: root,
      },
    );
    await expect(run).resolves.toMatchObject({ stdout: "" });
  });
});
