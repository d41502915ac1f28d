import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ComponentRegistry, type Document, decodeValue, encodeValue, Pipeline } from "@trama/core";
import { afterAll, describe, expect, it } from "vitest";
import { components } from "../components.js";
import { writePdf } from "./__fixtures__/write-pdf.js";
import { ByteStream } from "./byte-stream.js";
import { FileTypeRouter } from "./file-type-router.js";
import { MultiFileConverter } from "./multi-file-converter.js";

const folder = mkdtempSync(join(tmpdir(), "trama-routing-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array) => {
  const path = join(folder, name);
  writeFileSync(path, data);
  return path;
};

describe("FileTypeRouter", () => {
  it("routes paths by extension and streams by MIME type, first matching pattern first", async () => {
    const router = FileTypeRouter({ mimeTypes: ["text/plain", "text/.*", "application/pdf"] });
    const html = ByteStream.fromString("<p>x</p>", { mimeType: "text/html" });
    const unknown = ByteStream.fromString("?");
    const result = await new Pipeline()
      .add("router", router)
      .run({ router: { sources: ["a.txt", "b.MD", "c.pdf", "d.docx", html, unknown] } });
    expect(result.router).toEqual({
      "text/plain": ["a.txt"],
      "text/.*": ["b.MD", html],
      "application/pdf": ["c.pdf"],
      unclassified: ["d.docx", unknown],
    });
  });

  it("turns sources into streams carrying the run's metadata, and lists files it cannot read", async () => {
    const path = file("x.txt", "hello");
    const result = await new Pipeline()
      .add("router", FileTypeRouter({ mimeTypes: ["text/plain"], additionalMimetypes: { ".srt": "text/plain" } }))
      .run({ router: { sources: [path, join(folder, "gone.srt")], meta: { lang: "it" } } });
    const [stream] = result.router!["text/plain"] as ByteStream[];
    expect(stream!.toText()).toBe("hello");
    expect(stream!.meta).toEqual({ file_path: path, lang: "it" });
    expect(result.router!.failed).toEqual([join(folder, "gone.srt")]);
  });

  it("refuses an invalid pattern when built", () => {
    expect(() => FileTypeRouter({ mimeTypes: ["text/(plain"] })).toThrow(/'text\/\(plain' is not a valid regular/);
  });

  it("byte streams survive snapshots", () => {
    const stream = ByteStream.fromString("dati", { mimeType: "text/plain", meta: { a: 1 } });
    const copy = decodeValue(JSON.parse(JSON.stringify(encodeValue(stream)))) as ByteStream;
    expect(copy).toBeInstanceOf(ByteStream);
    expect([copy.toText(), copy.meta, copy.mimeType]).toEqual(["dati", { a: 1 }, "text/plain"]);
  });
});

describe("MultiFileConverter", () => {
  it("converts every supported type by extension and lists the others with the reason", async () => {
    const sources = [
      file("a.txt", "plain"),
      file("b.md", "---\ntopic: x\n---\n## Heading\n\nBody"),
      file("c.html", "<p>web</p>"),
      file("d.pdf", writePdf([["pdf text"]])),
      file("e.json", '{"content": "json text"}'),
      file("f.csv", "a,b\n1,2\n"),
      file("g.docx", "binary"),
    ];
    const pipeline = new Pipeline().add("convert", MultiFileConverter());
    const loaded = Pipeline.fromYAML(pipeline.toYAML(), { registry: new ComponentRegistry(components) });
    const result = (await loaded.run({ convert: { sources } })).convert as {
      documents: Document[];
      failed: unknown[];
    };
    expect(result.documents.map((document) => [document.content, document.meta])).toEqual([
      ["plain", { file_path: "a.txt" }],
      ["Heading\n\nBody", { topic: "x", file_path: "b.md" }],
      ["web", { file_path: "c.html" }],
      ["pdf text", { file_path: "d.pdf" }],
      ["json text", { file_path: "e.json" }],
      ["a,b\n1,2\n", { file_path: "f.csv" }],
    ]);
    expect(result.failed).toEqual([
      {
        source: sources[6],
        reason:
          "files of type application/vnd.openxmlformats-officedocument.wordprocessingml.document cannot be converted. Supported: .txt, .md, .html, .pdf, .csv, .json.",
      },
    ]);
  });
});
