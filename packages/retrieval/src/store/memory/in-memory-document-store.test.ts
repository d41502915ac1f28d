import { describeDocumentStore } from "../../testing/index.js";
import { InMemoryDocumentStore } from "./in-memory-document-store.js";

describeDocumentStore("InMemoryDocumentStore", {
  create: async () => new InMemoryDocumentStore(),
  capabilities: { keyword: true, exactBm25: true, vector: true },
});

describeDocumentStore("InMemoryDocumentStore with the english analyzer", {
  create: async () => new InMemoryDocumentStore({ analyzer: "english" }),
  capabilities: { keyword: true },
});
