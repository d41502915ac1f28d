/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: a ReAct-style agent that loops through a
 * fake chat model, a tool router and a fake web search until the model answers.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original.
 *
 * Prompt builders' variable sockets come from their templates, which the compiler cannot see, so these pipelines
 * are typed loosely (`Pipeline<Record<string, AnyComponent>>`); every connection is still checked when made.
 */
import { BranchJoiner, ChatPromptBuilder, ConditionalRouter } from "@trama/components";
import {
  type AnyComponent,
  ChatMessage,
  chatMessageType,
  Document,
  defineComponent,
  documentType,
  Pipeline,
  t,
} from "@trama/core";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";

const searchMessageTemplate = [
  "",
  "    Given these web search results:",
  "",
  "    {% for doc in documents %}",
  "        {{ doc.content }}",
  "    {% endfor %}",
  "",
  "    Be as brief as possible, max one sentence.",
  "    Answer the question: {{search_query}}",
  "    ",
].join("\n");

const reactMessageTemplate = [
  "",
  "    Solve a question answering task with interleaving Thought, Action, Observation steps.",
  "",
  "    Thought reasons about the current situation",
  "",
  "    Action can be:",
  "    google_search - Searches Google for the exact concept/entity (given in square brackets) and returns the results for you to use",
  "    finish - Returns the final answer (given in square brackets) and finishes the task",
  "",
  "    Observation summarizes the Action outcome and helps in formulating the next",
  "    Thought in Thought, Action, Observation interleaving triplet of steps.",
  "",
  "    After each Observation, provide the next Thought and next Action.",
  "    Don't execute multiple steps even though you know the answer.",
  "    Only generate Thought and Action, never Observation, you'll get Observation from Action.",
  "    Follow the pattern in the example below.",
  "",
  "    Example:",
  "    ###########################",
  "    Question: Which magazine was started first Arthur’s Magazine or First for Women?",
  "    Thought: I need to search Arthur’s Magazine and First for Women, and find which was started",
  "    first.",
  "    Action: google_search[When was 'Arthur’s Magazine' started?]",
  "    Observation: Arthur’s Magazine was an American literary periodical ˘",
  "    published in Philadelphia and founded in 1844. Edited by Timothy Shay Arthur, it featured work by",
  "    Edgar A. Poe, J.H. Ingraham, Sarah Josepha Hale, Thomas G. Spear, and others. In May 1846",
  "    it was merged into Godey’s Lady’s Book.",
  "    Thought: Arthur’s Magazine was started in 1844. I need to search First for Women founding date next",
  "    Action: google_search[When was 'First for Women' magazine started?]",
  "    Observation: First for Women is a woman’s magazine published by Bauer Media Group in the",
  "    USA. The magazine was started in 1989. It is based in Englewood Cliffs, New Jersey. In 2011",
  "    the circulation of the magazine was 1,310,696 copies.",
  "    Thought: First for Women was started in 1989. 1844 (Arthur’s Magazine) ¡ 1989 (First for",
  "    Women), so Arthur’s Magazine was started first.",
  "    Action: finish[Arthur’s Magazine]",
  "    ############################",
  "",
  "    Let's start, the question is: {{query}}",
  "",
  "    Thought:",
  "    ",
].join("\n");

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that is a simple agent", async () => {
    const FakeThoughtActionOpenAIChatGenerator = defineComponent({
      type: "scenario.FakeThoughtActionOpenAIChatGenerator",
      state: () => ({ runCounter: 0 }),
      inputs: { messages: t.list(chatMessageType), generation_kwargs: t.record(t.any).optional() },
      outputs: { replies: t.list(chatMessageType) },
      run: (_inputs, { state }) => {
        if (state.runCounter === 0) {
          state.runCounter += 1;
          return {
            replies: [
              ChatMessage.assistant(
                "thinking\n Action: google_search[What is taller, Eiffel Tower or Leaning Tower of Pisa]\n",
              ),
            ],
          };
        }
        return { replies: [ChatMessage.assistant("thinking\n Action: finish[Eiffel Tower]\n")] };
      },
    });
    const FakeConclusionOpenAIChatGenerator = defineComponent({
      type: "scenario.FakeConclusionOpenAIChatGenerator",
      inputs: { messages: t.list(chatMessageType), generation_kwargs: t.record(t.any).optional() },
      outputs: { replies: t.list(chatMessageType) },
      run: () => ({ replies: [ChatMessage.assistant("Tower of Pisa is 55 meters tall\n")] }),
    });
    const FakeSerperDevWebSearch = defineComponent({
      type: "scenario.FakeSerperDevWebSearch",
      inputs: { query: t.string },
      outputs: { documents: t.list(documentType) },
      run: () => ({
        documents: [
          new Document({ content: "Eiffel Tower is 300 meters tall" }),
          new Document({ content: "Tower of Pisa is 55 meters tall" }),
        ],
      }),
    });
    const ToolExtractor = defineComponent({
      type: "scenario.ToolExtractor",
      inputs: { messages: t.list(chatMessageType) },
      outputs: { output: t.list(t.nullable(t.string)) },
      run: ({ messages }) => {
        const prompt = messages.at(-1)!.text;
        if (typeof prompt !== "string") throw new Error("The last message has no text.");
        const lines = prompt.trim().split("\n");
        for (const line of lines.reverse()) {
          const match = /Action:\s*(\w+)\[(.*?)\]/.exec(line);
          if (match) return { output: [match[1]!, match[2]!] };
        }
        return { output: [null, null] };
      },
    });
    const PromptConcatenator = defineComponent({
      type: "scenario.PromptConcatenator",
      inputs: { replies: t.list(chatMessageType), current_prompt: t.list(chatMessageType) },
      outputs: { output: t.list(chatMessageType) },
      run: ({ replies, current_prompt }, { params }: { params: { suffix?: string } }) => {
        const currentPrompt = current_prompt.at(-1)!.text || "";
        const reply = replies.at(-1)!.text || "";
        return { output: [ChatMessage.user(currentPrompt + reply + (params.suffix ?? ""))] };
      },
    });
    const SearchOutputAdapter = defineComponent({
      type: "scenario.SearchOutputAdapter",
      inputs: { replies: t.list(chatMessageType) },
      outputs: { output: t.list(chatMessageType) },
      run: ({ replies }) => ({ output: [ChatMessage.assistant(`Observation: ${replies.at(-1)!.text}\n`)] }),
    });

    await runScenario(() => {
      const pipeline = new Pipeline<Record<string, AnyComponent>>()
        .add("main_input", BranchJoiner({ type: t.list(chatMessageType) }))
        .add("prompt_builder", ChatPromptBuilder({ variables: ["query"] }))
        .add("llm", FakeThoughtActionOpenAIChatGenerator())
        .add("tool_extractor", ToolExtractor())
        .add("prompt_concatenator_after_action", PromptConcatenator())
        .add(
          "router",
          ConditionalRouter({
            routes: [
              {
                condition: "{{'search' in tool_id_and_param[0]}}",
                output: "{{tool_id_and_param[1]}}",
                outputName: "search",
                outputType: t.string,
              },
              {
                condition: "{{'finish' in tool_id_and_param[0]}}",
                output: "{{tool_id_and_param[1]}}",
                outputName: "finish",
                outputType: t.string,
              },
            ],
          }),
        )
        .add("router_search", FakeSerperDevWebSearch())
        .add("search_prompt_builder", ChatPromptBuilder({ variables: ["documents", "search_query"] }))
        .add("search_llm", FakeConclusionOpenAIChatGenerator())
        .add("search_output_adapter", SearchOutputAdapter())
        .add("prompt_concatenator_after_observation", PromptConcatenator({ suffix: "\nThought: " }))
        // main
        .connect("main_input", "prompt_builder.template")
        .connect("prompt_builder.prompt", "llm.messages")
        .connect("llm.replies", "prompt_concatenator_after_action.replies")
        // tools
        .connect("prompt_builder.prompt", "prompt_concatenator_after_action.current_prompt")
        .connect("prompt_concatenator_after_action", "tool_extractor.messages")
        .connect("tool_extractor", "router")
        .connect("router.search", "router_search.query")
        .connect("router_search.documents", "search_prompt_builder.documents")
        .connect("router.search", "search_prompt_builder.search_query")
        .connect("search_prompt_builder.prompt", "search_llm.messages")
        .connect("search_llm.replies", "search_output_adapter.replies")
        .connect("search_output_adapter", "prompt_concatenator_after_observation.replies")
        .connect("prompt_concatenator_after_action", "prompt_concatenator_after_observation.current_prompt")
        .connect("prompt_concatenator_after_observation", "main_input");

      const searchMessage = [ChatMessage.user(searchMessageTemplate)];
      const messages = [ChatMessage.user(reactMessageTemplate)];
      const question = "which tower is taller: eiffel tower or tower of pisa?";

      // The texts Haystack spells out in full: the ReAct template with the question filled in, then what each
      // step appends to it.
      const rendered = reactMessageTemplate.replace("{{query}}", question);
      const searchAction = "thinking\n Action: google_search[What is taller, Eiffel Tower or Leaning Tower of Pisa]\n";
      const finishAction = "thinking\n Action: finish[Eiffel Tower]\n";
      const afterSearchAction = rendered + searchAction;
      const afterObservation = `${afterSearchAction}Observation: Tower of Pisa is 55 meters tall\n\n\nThought: `;
      const afterFinishAction = afterObservation + finishAction;
      const searchQuery = "What is taller, Eiffel Tower or Leaning Tower of Pisa";

      return {
        pipeline,
        runs: [
          {
            inputs: {
              main_input: { value: messages },
              prompt_builder: { query: question },
              search_prompt_builder: { template: searchMessage },
            },
            expectedOutputs: { router: { finish: "Eiffel Tower" } },
            expectedCalls: {
              "llm#1": { generation_kwargs: undefined, messages: [ChatMessage.user(rendered)] },
              "llm#2": { generation_kwargs: undefined, messages: [ChatMessage.user(afterObservation)] },
              "main_input#1": { value: [[ChatMessage.user(reactMessageTemplate)]] },
              "main_input#2": { value: [[ChatMessage.user(afterObservation)]] },
              "prompt_builder#1": {
                query: question,
                template: [ChatMessage.user(reactMessageTemplate)],
                templateVariables: undefined,
              },
              "prompt_builder#2": {
                query: question,
                template: [ChatMessage.user(afterObservation)],
                templateVariables: undefined,
              },
              "prompt_concatenator_after_action#1": {
                current_prompt: [ChatMessage.user(rendered)],
                replies: [ChatMessage.assistant(searchAction)],
              },
              "prompt_concatenator_after_action#2": {
                current_prompt: [ChatMessage.user(afterObservation)],
                replies: [ChatMessage.assistant(finishAction)],
              },
              "prompt_concatenator_after_observation#1": {
                current_prompt: [ChatMessage.user(afterSearchAction)],
                replies: [ChatMessage.assistant("Observation: Tower of Pisa is 55 meters tall\n\n")],
              },
              "router#1": { tool_id_and_param: ["google_search", searchQuery] },
              "router#2": { tool_id_and_param: ["finish", "Eiffel Tower"] },
              "router_search#1": { query: searchQuery },
              "search_llm#1": {
                generation_kwargs: undefined,
                messages: [
                  ChatMessage.user(
                    "\n    Given these web search results:\n\n    \n        Eiffel Tower is 300 meters tall\n    \n" +
                      "        Tower of Pisa is 55 meters tall\n    \n\n    Be as brief as possible, max one sentence.\n" +
                      "    Answer the question: What is taller, Eiffel Tower or Leaning Tower of Pisa\n    ",
                  ),
                ],
              },
              "search_output_adapter#1": { replies: [ChatMessage.assistant("Tower of Pisa is 55 meters tall\n")] },
              "search_prompt_builder#1": {
                // Haystack's ids for these documents are its own; Trama derives its own from the same content.
                documents: [
                  new Document({ content: "Eiffel Tower is 300 meters tall" }),
                  new Document({ content: "Tower of Pisa is 55 meters tall" }),
                ],
                search_query: searchQuery,
                template: [ChatMessage.user(searchMessageTemplate)],
                templateVariables: undefined,
              },
              "tool_extractor#1": { messages: [ChatMessage.user(afterSearchAction)] },
              "tool_extractor#2": { messages: [ChatMessage.user(afterFinishAction)] },
            },
          },
        ],
      };
    }, mode);
  });
});
