/**
 * The transcripts search in Debian's Chromium: `trama serve --posts <folder>` in this process (posts written here,
 * imported into SQLite at start), a search with highlighted results, a followed result landing on the chapter's
 * anchor, the video link at the turn's second; a question in the ask box answered by a scripted model on loopback
 * (OpenAI's chat API), its citation linking to the video's second and the post's chapter; then the static site built
 * by `trama transcripts site`, searched in the browser.
 */
// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText is the text as the page shows it, which is what these tests check.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { type ScriptedMember, startScriptedMember } from "@trama/council/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../testing.js";
import { chromiumPath, launchChromium, openPage, type ServeInProcess, startServeInProcess } from "./serve-harness.js";

const hasChromium = existsSync(chromiumPath);
if (!hasChromium)
  console.warn(
    `Skipping the transcripts browser tests: Debian's Chromium is missing at ${chromiumPath} (apt-get install -y chromium).`,
  );

const filler = Array.from(
  { length: 60 },
  (_, index) => `> Paragrafo di riempimento numero ${index} per allungare la pagina.`,
).join("\n\n");
const posts: Record<string, string> = {
  "2026-03-07-Puntata42.md": `---
title: "Agenti e modelli - #42"
categories:
  - Puntate
layout: single
---

{% include video id="nitLzgXt33M" provider="youtube" %}

## **[00:00] Introduzione**

**Stefano**

${filler}

## **[12:34] Il libro nell'era AI: ebook vs cartaceo**

**Alessio**

> Il libro resta un medium straordinario, anche per parlare di intelligenza artificiale. <img src=x onerror="window.__pwned = 1">

## **[20:00] Chiusura**

**Stefano**

${filler}
`,
  "2026-03-14-Puntata43.md": `---
title: "Robot - #43"
date: 2026-03-14
categories:
  - Puntate
youtube_id: abcdefghijk
layout: episode
---

## [1:00:05] Robotica

**Paolo (1:01:10)** Le intelligenze dei robot crescono, e cloud code ci aiuta.
`,
};

/** The model's reply: the excerpt of Alessio's turn cited, and markup that must stay text. */
const answerFor = (prompt: string) => {
  const number = /<<<EXCERPT (\d+) [0-9a-f]+>>>\n[^\n]*\nSpeaker: Alessio,/.exec(prompt)?.[1] ?? "99";
  return `Il libro resta un medium straordinario [${number}]. <img src=x onerror="window.__pwned = 3"> **fine**`;
};

let folder: string;
let model: ScriptedMember;
let serve: ServeInProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  folder = mkdtempSync(join(tmpdir(), "trama-transcripts-web-"));
  mkdirSync(join(folder, "_posts"));
  for (const [name, text] of Object.entries(posts)) writeFileSync(join(folder, "_posts", name), text);
  writeFileSync(join(folder, "glossary.yaml"), "cloud: Claude\n");
  model = await startScriptedMember({ model: "m", answer: answerFor, tokenDelayMs: 5 });
  serve = await startServeInProcess(
    [
      ...["--port", "0", "--posts", "_posts", "--glossary", "glossary.yaml", "--data-dir", join(folder, "data")],
      ...["--transcripts-model", model.shorthand],
    ],
    { cwd: folder, env: {} },
  );
  browser = await launchChromium();
  page = await openPage(browser, { viewport: { width: 1100, height: 700 } }, pageErrors);
  // The video site is out of reach here: answer its links on the spot, so following one shows where it went.
  await page.route("https://www.youtube.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>video</title>" }),
  );
}, 60_000);

afterAll(async () => {
  if (!hasChromium) return;
  await browser?.close();
  await serve?.stop();
  await model?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)("transcripts search page", () => {
  it("imported the posts at start, with a progress bar", () => {
    expect(serve.stderr()).toContain("Importing posts: 100% 2/2 posts");
    expect(serve.stdout()).toContain(`Transcripts: ${serve.url}transcripts/`);
  });

  it("searches, highlights matched words (Italian inflections, glossary) and escapes the transcript", async () => {
    await page.goto(`${serve.url}transcripts/`);
    await page.waitForSelector("body[data-ready]");
    await page.fill("#query", "intelligenza Claude");
    await page.click("#search button[type=submit]");
    await page.waitForSelector(".hit");
    const hits = page.locator(".hit");
    expect(await hits.count()).toBe(2);
    const marks = await page.locator(".hit mark").allInnerTexts();
    expect(marks.sort()).toEqual(["cloud", "intelligenza", "intelligenze"]);
    expect(await page.locator("#results").innerText()).toContain('<img src=x onerror="window.__pwned = 1">');
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(await page.locator(".hit .time").allInnerTexts()).toEqual(expect.arrayContaining(["12:34", "1:01:10"]));
  });

  it("follows a result to the post's chapter anchor, and its video link to the second", async () => {
    const alessio = page.locator(".hit", { hasText: "Alessio" });
    const video = await alessio.locator(".video-link").getAttribute("href");
    expect(video).toBe("https://www.youtube.com/watch?v=nitLzgXt33M&t=754s");
    await alessio.locator(".post-link").click();
    await page.waitForURL(/\/transcripts\/posts\/Puntata42\/#1234-il-libro-nellera-ai-ebook-vs-cartaceo$/);
    const heading = page.locator('h2[id="1234-il-libro-nellera-ai-ebook-vs-cartaceo"]');
    expect(await heading.innerText()).toContain("[12:34] Il libro nell'era AI: ebook vs cartaceo");
    // The browser scrolled the chapter into view: the heading sits at the top, past the long first chapter.
    const top = await heading.evaluate((element) => element.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(100);
    expect(await page.evaluate("window.scrollY")).toBeGreaterThan(500);

    await page.goBack();
    await page.waitForSelector(".hit");
    await page.locator(".hit", { hasText: "Paolo" }).locator(".video-link").click();
    await page.waitForURL("https://www.youtube.com/watch?v=abcdefghijk&t=3670s");
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)("ask box", () => {
  it("streams the answer, then cites the turn with links to the video's second and the post's chapter", async () => {
    await page.goto(`${serve.url}transcripts/`);
    await page.waitForSelector("body[data-ready]");
    expect(await page.locator("#ask").isVisible()).toBe(true);
    // Counts the pieces of text added to the answer while it streams (the final render builds its nodes detached).
    await page.evaluate(`
      window.__pieces = 0;
      new MutationObserver((records) => {
        for (const record of records)
          if (record.target.matches?.(".answer-text"))
            window.__pieces += [...record.addedNodes].filter((node) => node.nodeType === Node.TEXT_NODE).length;
      }).observe(document.getElementById("answer"), { childList: true, subtree: true });
    `);
    await page.fill("#question", "Che cosa pensano del libro?");
    await page.click("#ask button[type=submit]");
    await page.waitForSelector("#answer[data-state=done]");
    expect(await page.evaluate("window.__pieces")).toBeGreaterThan(1);
    const citation = page.locator("#answer .answer-text a.citation");
    expect(await citation.getAttribute("href")).toBe("https://www.youtube.com/watch?v=nitLzgXt33M&t=754s");
    expect(await citation.innerText()).toMatch(/^\[\d+ 12:34\]$/);
    // The model's markup is shown as it wrote it, never made into elements.
    const text = await page.locator("#answer .answer-text").innerText();
    expect(text).toMatch(
      /^Il libro resta un medium straordinario \[\d+ 12:34\]\. <img src=x onerror="window.__pwned = 3"> \*\*fine\*\*$/,
    );
    expect(await page.locator("#answer img").count()).toBe(0);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    const source = page.locator("#answer .source");
    expect(await source.innerText()).toContain("Alessio · Il libro nell'era AI: ebook vs cartaceo");
    expect(await source.locator(".video-link").getAttribute("href")).toBe(
      "https://www.youtube.com/watch?v=nitLzgXt33M&t=754s",
    );
    await source.locator(".post-link").click();
    await page.waitForURL(/\/transcripts\/posts\/Puntata42\/#1234-il-libro-nellera-ai-ebook-vs-cartaceo$/);
    expect(model.requestsOf("answer")).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)("static search site", () => {
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    const built = await runCliCaptured(
      [
        "transcripts",
        "site",
        "_posts",
        "--out",
        "site/search",
        "--glossary",
        "glossary.yaml",
        "--permalink",
        "/:categories/:title/",
      ],
      { cwd: folder, env: {} },
    );
    expect([built.code, built.stderr]).toEqual([0, ""]);
    expect(built.stdout).toContain("10 turns indexed");
    // The site as Jekyll would serve it: the search folder and the posts at their permalinks.
    const types: Record<string, string> = {
      ".html": "text/html",
      ".js": "text/javascript",
      ".json": "application/json",
      ".css": "text/css",
    };
    site = createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://x").pathname;
      if (path.startsWith("/search/")) {
        const file = join(folder, "site", path.endsWith("/") ? `${path}index.html` : path);
        if (!existsSync(file)) return void response.writeHead(404).end();
        response.writeHead(200, { "content-type": types[extname(file)] ?? "text/plain" }).end(readFileSync(file));
        return;
      }
      response
        .writeHead(200, { "content-type": "text/html" })
        .end(
          `<h1>${path}</h1><div style="height:3000px"></div><h2 id="1234-il-libro-nellera-ai-ebook-vs-cartaceo">Libro</h2>`,
        );
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    site?.closeAllConnections();
    await new Promise((resolve) => site?.close(resolve));
  });

  it("searches in the browser with the glossary and Italian folding, linking to the permalink and anchor", async () => {
    await page.goto(`${siteUrl}/search/`);
    await page.waitForSelector("body[data-ready]");
    await page.fill("#query", "Claude");
    await page.click("#search button[type=submit]");
    await page.waitForSelector(".hit");
    expect(await page.locator(".hit mark").allInnerTexts()).toEqual(["cloud"]);
    await page.fill("#query", "intelligenze");
    await page.click("#search button[type=submit]");
    await page.waitForFunction("document.querySelectorAll('.hit').length === 2");
    await page.locator(".hit", { hasText: "Alessio" }).locator(".post-link").click();
    await page.waitForURL(`${siteUrl}/puntate/Puntata42/#1234-il-libro-nellera-ai-ebook-vs-cartaceo`);
    expect(await page.locator("h1").innerText()).toBe("/puntate/Puntata42/");
    expect(pageErrors).toEqual([]);
  });
});
