import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@trama/core";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentStoreError } from "./errors.js";
import { InMemoryDocumentStore } from "./memory/in-memory-document-store.js";
import { providerFromPackage, resolveDocumentStore, storeFromConfig } from "./store-shorthand.js";

const folder = mkdtempSync(join(tmpdir(), "trama-shorthand-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("store shorthands", () => {
  it("memory: opens an empty in-memory store with the options given", async () => {
    const store = await resolveDocumentStore("memory:", { analyzer: "italian" });
    expect(store).toBeInstanceOf(InMemoryDocumentStore);
    expect(store.toConfig()).toEqual({ kind: "memory", analyzer: "italian" });
    expect(await store.count()).toBe(0);
  });

  it("memory:<file> opens the store saved there, or a new one that saves there", async () => {
    const path = join(folder, "notes.json");
    const fresh = (await resolveDocumentStore(`memory:${path}`)) as InMemoryDocumentStore;
    await fresh.write([new Document({ id: "n1", content: "a saved note" })]);
    await fresh.save();
    const reopened = await resolveDocumentStore(`memory:${path}`);
    expect((await reopened.filter()).map((document) => document.content)).toEqual(["a saved note"]);
    const fromConfig = await storeFromConfig(reopened.toConfig());
    expect(await fromConfig.count()).toBe(1);
    expect(JSON.parse(JSON.stringify(reopened.toConfig()))).toEqual({ kind: "memory", path });
  });

  it("returns a store object as it is", async () => {
    const store = new InMemoryDocumentStore();
    expect(await resolveDocumentStore(store)).toBe(store);
  });

  it("sqlite:<file> opens @trama/sqlite's store, which reopens from its saved configuration", async () => {
    const path = join(folder, "trama.db");
    const store = await resolveDocumentStore(`sqlite:${path}`);
    expect(store.kind).toBe("sqlite");
    await store.write([new Document({ id: "s1", content: "stored in SQLite", meta: { n: 1 } })]);
    const config = JSON.parse(JSON.stringify(store.toConfig()));
    await store.close?.();
    const reopened = await storeFromConfig(config);
    expect((await reopened.filter()).map((document) => [document.id, document.meta])).toEqual([["s1", { n: 1 }]]);
    await reopened.close?.();
  });

  it("refuses what is not a shorthand, and unknown kinds, listing the kinds", async () => {
    await expect(resolveDocumentStore("memory")).rejects.toSatisfy(
      (error: Error) => DocumentStoreError.isInstance(error) && /memory, sqlite, postgres/.test(error.message),
    );
    await expect(resolveDocumentStore("redis:localhost")).rejects.toThrow(
      /Unknown store kind 'redis'.*memory, sqlite, postgres/,
    );
    await expect(storeFromConfig({} as never)).rejects.toThrow(/needs a 'kind'/);
    await expect(storeFromConfig({ kind: "redis" })).rejects.toThrow(/Unknown store kind 'redis'/);
  });

  it("names the package to install when a kind's package is missing, and checks what a package provides", async () => {
    await expect(providerFromPackage("sqlite", "@trama/not-installed")).rejects.toThrow(
      "The 'sqlite' store needs @trama/not-installed: install it with npm install @trama/not-installed.",
    );
    const memory = await providerFromPackage("memory", "@trama/retrieval");
    expect(typeof memory.open).toBe("function");
    await expect(providerFromPackage("elastic", "@trama/retrieval")).rejects.toThrow(
      /@trama\/retrieval does not provide the 'elastic' store \(its 'stores' export has memory\)/,
    );
  });
});
