import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ScriptedMember, startScriptedMember } from "@trama/council/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../testing.js";
import { startServeInProcess } from "./serve-harness.js";

let folder: string;
let members: ScriptedMember[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "trama-serve-"));
  members = await Promise.all(
    ["alpha", "beta"].map((name) => startScriptedMember({ model: name, answer: `${name} says hello.` })),
  );
  const yaml = [
    "members:",
    ...members.map((member, index) => `  - { model: "${member.shorthand}", name: ${["alpha", "beta"][index]} }`),
  ];
  writeFileSync(join(folder, "council.yaml"), `${yaml.join("\n")}\nchairman: "${members[0]!.shorthand}"\n`);
});
afterAll(async () => {
  await Promise.all(members.map((member) => member.close()));
  rmSync(folder, { recursive: true, force: true });
});

/** The server-sent events of a response, parsed. */
async function events(response: Response): Promise<Array<{ event: string; data: any }>> {
  return (await response.text())
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const [name, data] = block.split("\n");
      return { event: name!.slice(7), data: JSON.parse(data!.slice(6)) };
    });
}

describe("trama serve", () => {
  it("serves the council on 127.0.0.1, answers a question over SSE, keeps it, and stops on Ctrl-C", async () => {
    const serve = await startServeInProcess(
      ["--port", "0", "--council", "council.yaml", "--data-dir", join(folder, "data")],
      {
        cwd: folder,
      },
    );
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(serve.stdout()).toContain(`Council: ${serve.url}council/`);
    expect(await (await fetch(serve.url)).text()).toContain('<a href="/council/">Council</a>');
    const api = `${serve.url}council/api/conversations`;
    const json = { "content-type": "application/json" };
    const { conversation } = (await (await fetch(api, { method: "POST", headers: json, body: "{}" })).json()) as any;
    const stream = await fetch(`${api}/${conversation.id}/turns`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ question: "Hello?" }),
    });
    expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const received = await events(stream);
    expect(received[0]!.event).toBe("turn");
    const last = received.at(-1)!;
    expect(last).toMatchObject({ event: "stored", data: { status: "complete" } });
    const end = received.find((item) => item.data.type === "council-end")!;
    expect(end.data.result.final.text).toMatch(/Final answer drawn from 2 answers/);
    const stored = (await (await fetch(`${api}/${conversation.id}`)).json()) as any;
    expect(stored.conversation).toMatchObject({ title: "Hello?", turnCount: 1, lastStatus: "complete" });
    expect(stored.conversation.turns[0].result).toEqual(end.data.result);
    const busy = await fetch(`${api}/missing/turns`, { method: "POST", headers: json, body: '{"question":"x"}' });
    expect(busy.status).toBe(404);
    expect(await serve.stop()).toBe(0);
    expect(serve.stdout()).toContain("Stopped.");
  });

  it("refuses to listen beyond this machine without a token", async () => {
    const run = await runCliCaptured(["serve", "--host", "0.0.0.0", "--port", "0"], {
      env: { TRAMA_DATA_DIR: join(folder, "data") },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0 without a token.*TRAMA_SERVER_TOKEN.*--token/);
  });

  it("takes the token from TRAMA_SERVER_TOKEN, and requires it", async () => {
    const token = "a-long-enough-test-token";
    const serve = await startServeInProcess(["--host", "0.0.0.0", "--port", "0"], {
      env: {
        TRAMA_SERVER_TOKEN: token,
        TRAMA_DATA_DIR: join(folder, "data"),
        TRAMA_COUNCIL: join(folder, "council.yaml"),
      },
    });
    const local = serve.url.replace("0.0.0.0", "127.0.0.1");
    expect(serve.stdout()).toContain("?token=");
    expect((await fetch(`${local}council/api/conversations`)).status).toBe(401);
    const allowed = await fetch(`${local}council/api/conversations`, { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await serve.stop()).toBe(0);
  });

  it("names bad options", async () => {
    const run = await runCliCaptured(["serve", "--port", "http"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--port takes a port number from 0 to 65535, not 'http'.");
    expect((await runCliCaptured(["serve", "--colour"])).stderr).toMatch(/Unknown option '--colour'/);
  });
});
