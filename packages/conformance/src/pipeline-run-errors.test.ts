/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: the bad pipelines from "that has a component
 * that doesn't return a dictionary" on. Each asserts the Trama error class and that the message names the component
 * at fault.
 */
import { ConditionalRouter, PromptBuilder } from "@trama/components";
import {
  type AnyComponent,
  ChatMessage,
  chatMessageType,
  Document,
  defineComponent,
  documentType,
  Pipeline,
  PipelineBlockedError,
  PipelineRuntimeError,
  t,
} from "@trama/core";
import { describe, expect, it } from "vitest";
import { modes, runFailingScenario } from "./harness.js";

const BrokenComponent = defineComponent({
  type: "scenario.BrokenComponent",
  inputs: { a: t.number },
  outputs: { b: t.number },
  // Haystack's factory component returns `1` instead of a dictionary of outputs.
  run: () => 1 as never,
});

/** Fails its first call with an error message, then accepts every reply. */
const FakeOutputValidator = defineComponent({
  type: "scenario.FakeOutputValidator",
  state: () => ({ called: false }),
  inputs: { replies: t.list(t.string) },
  outputs: { valid_replies: t.list(t.string), invalid_replies: t.list(t.string), error_message: t.string },
  run: ({ replies }, { state }) => {
    if (!state.called) {
      state.called = true;
      return { invalid_replies: ["This is an invalid reply"], error_message: "this is an error message" };
    }
    return { valid_replies: replies };
  },
});

const ValidReplyGenerator = defineComponent({
  type: "scenario.ValidReplyGenerator",
  inputs: { prompt: t.string },
  outputs: { replies: t.list(t.string) },
  run: () => ({ replies: ["This is a valid reply"] }),
});

const PayloadBuilder = defineComponent({
  type: "scenario.PayloadBuilder",
  inputs: { streams: t.list(t.number), query: t.string },
  outputs: { payload: t.record(t.any) },
  run: ({ streams, query }) => ({ payload: { streams, query } }),
});

/** Replies with an assistant message that has no text. */
const TextlessChatGenerator = defineComponent({
  type: "scenario.TextlessChatGenerator",
  inputs: { messages: t.list(chatMessageType) },
  outputs: { replies: t.list(chatMessageType) },
  run: () => ({ replies: [ChatMessage.assistant()] }),
});

const RelevantDocumentRetriever = defineComponent({
  type: "scenario.RelevantDocumentRetriever",
  inputs: { query: t.string },
  outputs: { documents: t.list(documentType) },
  run: () => ({ documents: [new Document({ content: "A relevant document" })] }),
});

describe.each(modes)("Running a bad pipeline (%s)", (mode) => {
  it("that has a component that doesn't return a dictionary raises PipelineRuntimeError", async () => {
    const error = await runFailingScenario(
      () => ({
        pipeline: new Pipeline({ maxRunsPerComponent: 10 }).add("comp", BrokenComponent()),
        inputs: { comp: { a: 1 } },
      }),
      mode,
    );
    expect(PipelineRuntimeError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/Component 'comp' \(scenario\.BrokenComponent\) returned number/);
  });

  it("that has a cycle that would get it stuck raises PipelineBlockedError", async () => {
    // Haystack raises PipelineComponentsBlockedError: prompt_builder never runs, as it requires invalid_replies and
    // error_message, which only the loop it starts could send.
    const template = `Here is the comment: {{ comment }}

{% if invalid_replies and error_message %}
You already created the following output in a previous attempt: {{ invalid_replies }}
However, this doesn't comply with the format requirements from above and triggered this Python exception: {{ error_message }}
Correct the output and try again.
{% endif %}`;
    const error = await runFailingScenario(() => {
      // The prompt builder's variable sockets come from its template, which the compiler cannot see: typed loosely.
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 1 })
        .add(
          "prompt_builder",
          PromptBuilder({ template, requiredVariables: ["comment", "invalid_replies", "error_message"] }),
        )
        .add("llm", ValidReplyGenerator())
        .add("output_validator", FakeOutputValidator())
        .connect("prompt_builder.prompt", "llm.prompt")
        .connect("llm.replies", "output_validator.replies")
        .connect("output_validator.invalid_replies", "prompt_builder.invalid_replies")
        .connect("output_validator.error_message", "prompt_builder.error_message");
      const comment = "I loved the quality of the meal but the courier was rude";
      return { pipeline, inputs: { prompt_builder: { comment } } };
    }, mode);
    expect(PipelineBlockedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/cannot start/);
    expect((error as Error).message).toMatch(/'prompt_builder' waits for 'invalid_replies' from output_validator/);
  });

  it("that fails automatic conversion between list of ChatMessage and str raises PipelineRuntimeError", async () => {
    const error = await runFailingScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add("chat_generator", TextlessChatGenerator())
        .add("retriever", RelevantDocumentRetriever())
        .connect("chat_generator", "retriever");
      const userQuery = "Find info on Milano Cortina Olympic Winter Games";
      return { pipeline, inputs: { chat_generator: { messages: [ChatMessage.user(userQuery)] } } };
    }, mode);
    expect(PipelineRuntimeError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/'chat_generator\.replies' sends to 'retriever\.query'/);
    expect((error as Error).message).toMatch(/has no text/);
  });

  it("that is blocked because not enough component inputs raises PipelineBlockedError", async () => {
    // Deliberate difference: Haystack's run returns an empty result here, silently dropping the streams the router
    // sent to payload_builder. Trama refuses to lose values without a word and raises PipelineBlockedError, naming
    // the component, the socket it waits for and the router that sent nothing on it.
    const error = await runFailingScenario(() => {
      const pipeline = new Pipeline({ maxRunsPerComponent: 1 })
        .add(
          "router",
          ConditionalRouter({
            routes: [
              { condition: "{{streams|length < 2}}", output: "{{query}}", outputType: t.string, outputName: "query" },
              {
                condition: "{{streams|length >= 2}}",
                output: "{{streams}}",
                outputType: t.list(t.number),
                outputName: "streams",
              },
            ],
          }),
        )
        .add("payload_builder", PayloadBuilder())
        .connect("router.streams", "payload_builder.streams")
        .connect("router.query", "payload_builder.query");
      return { pipeline, inputs: { router: { streams: [1, 2, 3], query: "Haystack" } } };
    }, mode);
    expect(PipelineBlockedError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(
      /'payload_builder' waits for 'query' from router\.query \(ran but sent nothing on 'query'\)/,
    );
    expect(message).toMatch(/It holds values on 'streams'/);
    expect((error as PipelineBlockedError).blocked).toEqual([
      {
        component: "payload_builder",
        received: ["streams"],
        waitingFor: [
          {
            socket: "query",
            senders: [{ component: "router", socket: "query", status: "ran but sent nothing on 'query'" }],
          },
        ],
      },
    ]);
  });
});
