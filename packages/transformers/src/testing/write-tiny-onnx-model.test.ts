import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { absoluteFolder, looksLikeHubId, requiredModelFiles } from "../model-folder.js";
import { ProtobufWriter } from "./onnx-protobuf.js";
import { tinyVocabulary } from "./tiny-tokenizer.js";
import { writeTinyOnnxModel } from "./write-tiny-onnx-model.js";

describe("ProtobufWriter", () => {
  it("encodes varints, negative int64 values and length-delimited fields as protobuf does", () => {
    expect([...new ProtobufWriter().varint(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtobufWriter().varint(2, -1).finish()]).toEqual([
      0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect([...new ProtobufWriter().string(2, "testing").finish()]).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
    expect([...new ProtobufWriter().message(3, (inner) => inner.varint(1, 150)).finish()]).toEqual([
      0x1a, 0x03, 0x08, 0x96, 0x01,
    ]);
  });
});

describe("writeTinyOnnxModel", () => {
  it("writes the files transformers.js loads, the same bytes every time", async () => {
    const first = await writeTinyOnnxModel({ hiddenSize: 16 });
    const second = await writeTinyOnnxModel({ hiddenSize: 16 });
    try {
      for (const file of requiredModelFiles) {
        expect(await readFile(join(first.folder, file))).toEqual(await readFile(join(second.folder, file)));
      }
      const config = JSON.parse(await readFile(join(first.folder, "config.json"), "utf8"));
      expect(config).toMatchObject({ model_type: "bert", hidden_size: 16, vocab_size: first.vocabulary.length });
      expect(first.vocabulary.length).toBeGreaterThan(200);
      expect(first.vocabulary.length).toBeLessThan(400);
      expect(first.vocabulary.slice(0, 5)).toEqual(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]);
      expect(new Set(tinyVocabulary()).size).toBe(tinyVocabulary().length);
    } finally {
      await first.remove();
      await second.remove();
    }
  });
});

describe("model paths", () => {
  it("tells hub ids from paths", () => {
    expect(looksLikeHubId("Xenova/all-MiniLM-L6-v2")).toBe(true);
    expect(looksLikeHubId("bert-base-uncased")).toBe(true);
    expect(looksLikeHubId("./models/all-MiniLM-L6-v2")).toBe(false);
    expect(looksLikeHubId("/models/all-MiniLM-L6-v2")).toBe(false);
    expect(looksLikeHubId("models/a/b")).toBe(false);
    expect(looksLikeHubId("../model")).toBe(false);
  });

  it("makes paths absolute, with ~ as the home folder", () => {
    expect(absoluteFolder("~/models/x")).toBe(join(homedir(), "models/x"));
    expect(absoluteFolder("models/x")).toBe(join(process.cwd(), "models/x"));
    expect(absoluteFolder("/opt/models/x/")).toBe("/opt/models/x");
  });
});
