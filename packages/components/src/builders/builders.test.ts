import { ChatMessage, ComponentRegistry, Document, defineComponent, Pipeline, t } from "@trama/core";
import { describe, expect, it } from "vitest";
import { components } from "../components.js";
import { AnswerBuilder } from "./answer-builder.js";
import { ChatPromptBuilder } from "./chat-prompt-builder.js";
import { PromptBuilder } from "./prompt-builder.js";

const Question = defineComponent({
  type: "test.Question",
  inputs: { q: t.string },
  outputs: { question: t.string },
  run: ({ q }) => ({ question: q }),
});

describe("PromptBuilder", () => {
  it("exposes template variables as sockets the compiler accepts, optional unless required", async () => {
    const pipeline = new Pipeline()
      .add("question", Question())
      .add(
        "prompt",
        PromptBuilder({
          template: "Q: {{ question }}{% if context %} C: {{ context }}{% endif %}",
          requiredVariables: ["question"],
        }),
      )
      .connect("question.question", "prompt.question");
    expect(await pipeline.run({ question: { q: "why?" } })).toEqual({ prompt: { prompt: "Q: why?" } });
    expect(await pipeline.run({ question: { q: "why?" }, prompt: { context: "sky" } })).toEqual({
      prompt: { prompt: "Q: why? C: sky" },
    });
  });

  it("takes a template and variables per run, and names missing required variables", async () => {
    const builder = new Pipeline().add("prompt", PromptBuilder({ template: "{{ a }}", requiredVariables: ["a"] }));
    expect(await builder.run({ prompt: { a: "x", template: "<{{ a }}>" } })).toEqual({ prompt: { prompt: "<x>" } });
    expect(await builder.run({ prompt: { a: "x", templateVariables: { a: "y" } } })).toEqual({
      prompt: { prompt: "y" },
    });
    const missing = new Pipeline().add(
      "prompt",
      PromptBuilder({ template: "{{ a }}{{ b }}", variables: ["a", "b"], requiredVariables: "*" }),
    );
    await expect(missing.run({ prompt: { a: "x", templateVariables: { b: undefined } } })).rejects.toThrow(
      /Missing mandatory run inputs: prompt.b/,
    );
  });
});

describe("ChatPromptBuilder", () => {
  it("renders system and user messages and keeps the others", async () => {
    const template = [
      ChatMessage.system("You are {{ persona }}."),
      ChatMessage.assistant("{{ not rendered }}"),
      ChatMessage.user("{{ question }}"),
    ];
    const pipeline = new Pipeline().add("prompt", ChatPromptBuilder({ template }));
    const result = await pipeline.run({ prompt: { persona: "terse", question: "Why?" } });
    expect(result.prompt?.prompt).toEqual([
      ChatMessage.system("You are terse."),
      ChatMessage.assistant("{{ not rendered }}"),
      ChatMessage.user("Why?"),
    ]);
  });

  it("round-trips through YAML with its template messages", async () => {
    const pipeline = new Pipeline().add("prompt", ChatPromptBuilder({ template: [ChatMessage.user("Hi {{ name }}")] }));
    const loaded = Pipeline.fromYAML(pipeline.toYAML(), { registry: new ComponentRegistry(components) });
    expect((await loaded.run({ prompt: { name: "Ada" } })).prompt?.prompt).toEqual([ChatMessage.user("Hi Ada")]);
  });
});

describe("AnswerBuilder", () => {
  it("extracts answers by pattern and keeps referenced documents with their source index", async () => {
    const documents = [
      new Document({ content: "one" }),
      new Document({ content: "two" }),
      new Document({ content: "three" }),
    ];
    const pipeline = new Pipeline().add(
      "answers",
      AnswerBuilder({ pattern: "Answer: (.*)", referencePattern: "\\[(\\d+)\\]" }),
    );
    const result = await pipeline.run({
      answers: { query: "q", replies: [ChatMessage.assistant("Thinking. Answer: two [2][3]")], documents },
    });
    const [answer] = result.answers!.answers!;
    expect(answer!.data).toBe("two [2][3]");
    expect(answer!.documents.map((doc) => [doc.content, doc.meta])).toEqual([
      ["two", { source_index: 2, referenced: true }],
      ["three", { source_index: 3, referenced: true }],
    ]);
    expect(answer!.documents[0]!.id).toBe(documents[1]!.id);
  });

  it("reads several references in one citation", async () => {
    const documents = ["one", "two", "three"].map((content) => new Document({ content }));
    const pipeline = new Pipeline().add("answers", AnswerBuilder({ referencePattern: "\\[([\\d, ]+)\\]" }));
    const result = await pipeline.run({
      answers: { query: "q", replies: ["Both [1, 3] say so."], documents },
    });
    expect(result.answers!.answers![0]!.documents.map((doc) => doc.content)).toEqual(["one", "three"]);
  });
});
