import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ComponentRegistry, Document, Pipeline } from "@trama/core";
import { afterAll, describe, expect, it } from "vitest";
import { components } from "../components.js";
import { writePdf } from "./__fixtures__/write-pdf.js";
import { ByteStream } from "./byte-stream.js";
import { HTMLToDocument } from "./html-to-document.js";
import { JSONConverter } from "./json-converter.js";
import { MarkdownToDocument } from "./markdown-to-document.js";
import { PDFToDocument } from "./pdf-to-document.js";
import { TextFileToDocument } from "./text-file-to-document.js";

const folder = mkdtempSync(join(tmpdir(), "trama-converters-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const path = join(folder, name);
  writeFileSync(path, data);
  return path;
};

/** Runs one converter alone in a pipeline, as users do. */
async function convert(component: Parameters<Pipeline["add"]>[1], inputs: Record<string, unknown>) {
  const result = await new Pipeline().add("converter", component).run({ converter: inputs });
  return result.converter as { documents: Document[]; failed?: Array<{ source: string; reason: string }> };
}

describe("TextFileToDocument", () => {
  it("reads files and streams, with the stream's metadata, then the run's, and file_path shortened", async () => {
    const path = file("notes.txt", "Prima riga.\nSecond line — ünïcode.");
    const stream = ByteStream.fromString("From a stream", { meta: { origin: "upload", lang: "en" } });
    const { documents, failed } = await convert(TextFileToDocument(), {
      sources: [path, stream],
      meta: [{ lang: "it" }, { lang: "it" }],
    });
    expect(failed).toBeUndefined();
    expect(documents.map((document) => [document.content, document.meta])).toEqual([
      ["Prima riga.\nSecond line — ünïcode.", { file_path: "notes.txt", lang: "it" }],
      ["From a stream", { origin: "upload", lang: "it" }],
    ]);
    const full = await convert(TextFileToDocument({ storeFullPath: true }), { sources: [path] });
    expect(full.documents[0]!.meta).toEqual({ file_path: path });
  });

  it("lists missing, unreadable and undecodable files on `failed` with the reason, and converts the rest", async () => {
    const good = file("good.txt", "fine");
    const locked = file("locked.txt", "secret");
    chmodSync(locked, 0o000);
    const latin = file("latin.txt", Buffer.from([0x63, 0x61, 0x66, 0xe8])); // "cafè" in latin1
    const { documents, failed } = await convert(TextFileToDocument(), {
      sources: [join(folder, "missing.txt"), good, latin, folder],
    });
    expect(documents.map((document) => document.content)).toEqual(["fine"]);
    expect(failed).toEqual([
      { source: join(folder, "missing.txt"), reason: "the file does not exist." },
      { source: latin, reason: expect.stringMatching(/^it is not valid utf-8 text\. Give the converter/) },
      { source: folder, reason: "it is a folder, not a file." },
    ]);
    // Root reads any file whatever its mode; elsewhere the locked file fails with its own reason.
    const lockedRun = await convert(TextFileToDocument(), { sources: [locked] });
    if (process.getuid?.() !== 0) expect(lockedRun.failed?.[0]?.reason).toMatch(/permission denied/);
    const decoded = await convert(TextFileToDocument({ encoding: "latin1" }), { sources: [latin] });
    expect(decoded.documents[0]!.content).toBe("cafè");
  });

  it("refuses a metadata list that does not match the sources, naming the component", async () => {
    await expect(
      new Pipeline().add("txt", TextFileToDocument()).run({ txt: { sources: ["a", "b"], meta: [{}] } }),
    ).rejects.toThrow(/'txt' got 2 sources but 1 metadata objects/);
  });
});

describe("MarkdownToDocument", () => {
  it("turns front matter into metadata and the body into text, headings kept", async () => {
    const path = file(
      "post.md",
      [
        "---",
        "title: Episodio 12",
        "tags: [audio, storia]",
        "episode: 12",
        "file_path: ignored.md",
        "---",
        "# Il titolo",
        "",
        "Un paragrafo con **grassetto**, `codice` e un [link](https://example.com) &amp; altro.",
        "",
        "- primo",
        "- secondo",
        "",
        "| a | b |",
        "|---|---|",
        "| 1 | 2 |",
        "",
        "```js",
        "const x = 1;",
        "```",
        "",
        "<div>HTML <b>block</b></div>",
      ].join("\n"),
    );
    const { documents } = await convert(MarkdownToDocument(), { sources: [path], meta: { source: "blog" } });
    expect(documents[0]!.meta).toEqual({
      title: "Episodio 12",
      tags: ["audio", "storia"],
      episode: 12,
      file_path: "post.md",
      source: "blog",
    });
    expect(documents[0]!.content).toBe(
      [
        "Il titolo",
        "Un paragrafo con grassetto, codice e un link & altro.",
        "primo\nsecondo",
        "a | b\n1 | 2",
        "const x = 1;",
        "HTML block",
      ].join("\n\n"),
    );
  });

  it("lists a file whose front matter is not valid YAML, with the line", async () => {
    const path = file("broken.md", "---\ntitle: ok\ntags: [unclosed\n---\nBody");
    const { documents, failed } = await convert(MarkdownToDocument(), { sources: [path] });
    expect(documents).toEqual([]);
    expect(failed![0]!.reason).toMatch(/^its front matter is not valid YAML at line \d+/);
  });
});

describe("HTMLToDocument", () => {
  it("keeps the main text without scripts, styles, navigation or footers, with the title", async () => {
    const html = `<!doctype html><html><head><title> Pagina  di prova </title><style>p{color:red}</style></head>
      <body><nav><a href="/">Home</a></nav><header>Site header</header>
      <main><h1>Titolo</h1><p>Primo   paragrafo,
      su due righe.</p><script>alert("x")</script><ul><li>uno</li><li>due &amp; tre</li></ul>
      <pre>a  b\nc</pre></main>
      <footer>© 2025</footer></body></html>`;
    const { documents } = await convert(HTMLToDocument(), {
      sources: [ByteStream.fromString(html, { meta: { url: "https://example.com" } })],
    });
    expect(documents[0]!.content).toBe("Titolo\n\nPrimo paragrafo, su due righe.\n\nuno\ndue & tre\n\na  b\nc");
    expect(documents[0]!.meta).toEqual({ title: "Pagina di prova", url: "https://example.com" });
  });

  it("reads a bare page whole, and lists a page without text", async () => {
    const { documents, failed } = await convert(HTMLToDocument(), {
      sources: [
        ByteStream.fromString("\n<html><body>Some content</body></html>\n    "),
        ByteStream.fromString("<html><script>1</script></html>"),
      ],
    });
    expect(documents.map((document) => document.content)).toEqual(["Some content"]);
    expect(failed).toEqual([{ source: "a byte stream of 31 bytes", reason: "the page has no text." }]);
  });
});

describe("PDFToDocument", () => {
  it("reads each page's text, pages separated by form feeds or one document per page", async () => {
    const path = file("report.pdf", writePdf([["First page.", "Second line."], ["Page two (with parentheses)."]]));
    const whole = await convert(PDFToDocument(), { sources: [path] });
    expect(whole.documents.map((document) => [document.content, document.meta])).toEqual([
      ["First page.\nSecond line.\fPage two (with parentheses).", { file_path: "report.pdf" }],
    ]);
    const paged = await convert(PDFToDocument({ documentPerPage: true }), { sources: [path] });
    expect(paged.documents.map((document) => [document.content, document.meta])).toEqual([
      ["First page.\nSecond line.", { file_path: "report.pdf", page_number: 1 }],
      ["Page two (with parentheses).", { file_path: "report.pdf", page_number: 2 }],
    ]);
  });

  it("lists a damaged PDF with the reason", async () => {
    const path = file("damaged.pdf", "this is not a PDF at all");
    const { documents, failed } = await convert(PDFToDocument(), { sources: [path] });
    expect(documents).toEqual([]);
    expect(failed).toEqual([{ source: path, reason: "it is not a valid PDF file." }]);
  });
});

describe("JSONConverter", () => {
  it("takes the content key of an object, or of each object of an array, with extra fields", async () => {
    const path = file(
      "items.json",
      JSON.stringify([
        { text: "uno", n: 1 },
        { text: "due", n: 2, extra: true },
      ]),
    );
    const { documents } = await convert(JSONConverter({ contentKey: "text", extraMetaFields: ["n", "missing"] }), {
      sources: [path, ByteStream.fromString('{"text": "tre", "n": 3}')],
    });
    expect(documents.map((document) => [document.content, document.meta])).toEqual([
      ["uno", { file_path: "items.json", n: 1, missing: null }],
      ["due", { file_path: "items.json", n: 2, missing: null }],
      ["tre", { n: 3, missing: null }],
    ]);
  });

  it("lists invalid JSON and objects without the key", async () => {
    const { failed } = await convert(JSONConverter({ contentKey: "text" }), {
      sources: [file("bad.json", "{nope"), file("other.json", '{"body": "x"}')],
    });
    expect(failed!.map((failure) => failure.reason)).toEqual([
      expect.stringMatching(/^it is not valid JSON \(/),
      "the JSON value is not an object with the key 'text'.",
    ]);
  });
});

describe("converters in pipeline files", () => {
  it("save to YAML and load back", async () => {
    const pipeline = new Pipeline().add("md", MarkdownToDocument({ storeFullPath: true }));
    const loaded = Pipeline.fromYAML(pipeline.toYAML(), { registry: new ComponentRegistry(components) });
    const path = file("saved.md", "---\na: 1\n---\nText");
    const result = await loaded.run({ md: { sources: [path] } });
    expect(result.md!.documents).toEqual([new Document({ content: "Text", meta: { a: 1, file_path: path } })]);
  });
});
