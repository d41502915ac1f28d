/**
 * Haystack `test/core/pipeline/features/pipeline_run.feature`, ported: loops in the middle of a pipeline, agents,
 * feedback cycles, and cycles whose outputs leave the cycle.
 * Each scenario asserts the same outputs and the same inputs per component visit as the original. Inputs Haystack
 * records as None are left out of the expected calls: they are undefined in Trama, and `toEqual` treats a missing key
 * and an undefined one alike. Pipelines that connect to sockets made from a component's parameters (a prompt
 * builder's template variables) are typed loosely (`Pipeline<Record<string, AnyComponent>>`); every connection is
 * still checked when made.
 */
import {
  AnswerBuilder,
  BranchJoiner,
  ConditionalRouter,
  OutputAdapter,
  PromptBuilder,
  type Route,
} from "@trama/components";
import {
  type AnyComponent,
  Document,
  defineComponent,
  documentType,
  GeneratedAnswer,
  generatedAnswerType,
  Pipeline,
  t,
} from "@trama/core";
import { describe, it } from "vitest";
import { modes, runScenario } from "./harness.js";
import { FixedGenerator } from "./sample-components.js";

/** Answers "No answer" on its first call, "42" afterwards. */
const FirstNoAnswerGenerator = defineComponent({
  type: "scenario.FirstNoAnswerGenerator",
  state: () => ({ firstRun: true }),
  inputs: { prompt: t.string },
  outputs: { replies: t.list(t.string) },
  run: (_inputs, { state }) => {
    if (state.firstRun) {
      state.firstRun = false;
      return { replies: ["No answer"] };
    }
    return { replies: ["42"] };
  },
});

const PromptCleaner = defineComponent({
  type: "scenario.PromptCleaner",
  inputs: { prompt: t.string },
  outputs: { clean_prompt: t.string },
  run: ({ prompt }) => ({ clean_prompt: prompt.trim() }),
});

const RagFakeRetriever = defineComponent({
  type: "scenario.RagFakeRetriever",
  inputs: { query: t.string },
  outputs: { documents: t.list(documentType) },
  run: () => ({
    documents: [
      new Document({ content: "This is a document potentially answering the question.", meta: { access_group: 1 } }),
    ],
  }),
});

const FakeFileEditor = defineComponent({
  type: "scenario.FakeFileEditor",
  inputs: { replies: t.list(t.string) },
  outputs: { files: t.string },
  run: () => ({ files: "This is the edited file content." }),
});

const AnswerBuilderWithPrompt = defineComponent({
  type: "scenario.AnswerBuilderWithPrompt",
  inputs: { replies: t.list(t.string), query: t.string, prompt: t.string.optional() },
  outputs: { answers: t.list(generatedAnswerType) },
  run: ({ replies, query, prompt }) => {
    const meta: Record<string, unknown> = { all_messages: replies };
    if (prompt !== undefined) meta.prompt = prompt;
    return { answers: [new GeneratedAnswer({ data: replies[0]!, query, documents: [], meta })] };
  },
});

/** The routes of the feedback-loop scenarios' router. */
const failOrPassRoutes: Route[] = [
  { condition: "{{ 'FAIL' in replies[0] }}", output: "{{ replies[0] }}", outputName: "fail", outputType: t.string },
  { condition: "{{ 'PASS' in replies[0] }}", output: "{{ code }}", outputName: "pass", outputType: t.list(t.string) },
];

const feedbackLoopCodePromptTemplate = `
Generate code to solve the task: {{ task }}

{% if feedback %}
Here is your initial attempt and some feedback:
{{ feedback }}
{% endif %}
    `;
const feedbackLoopFeedbackPromptTemplate = `
Check if this code is valid and can run: {{ code[0] }}
Return "PASS" if it passes and "FAIL" if it fails.
Provide additional feedback on why it fails.
    `;

/** What "a pipeline that has a feedback loop" and its non-standard-order twin expect: they differ in build order. */
function feedbackLoopRun() {
  const task = "Generate code to generate christmas ascii-art";
  const feedbackPrompt = (code: string) =>
    "\n" +
    `Check if this code is valid and can run: ${code}\n` +
    'Return "PASS" if it passes and "FAIL" if it fails.\n' +
    "Provide additional feedback on why it fails.\n" +
    "    ";
  return {
    inputs: { code_prompt: { task }, answer_builder: { query: task } },
    expectedOutputs: {
      answer_builder: {
        answers: [
          new GeneratedAnswer({
            data: "valid code",
            query: task,
            documents: [],
            meta: { all_messages: ["valid code"] },
          }),
        ],
      },
    },
    expectedCalls: {
      "answer_builder#1": { query: "Generate code to generate christmas ascii-art", replies: ["valid code"] },
      "code_llm#1": {
        prompt: "\nGenerate code to solve the task: Generate code to generate christmas ascii-art\n\n\n    ",
      },
      "code_llm#2": {
        prompt:
          "\n" +
          "Generate code to solve the task: Generate code to generate christmas ascii-art\n" +
          "\n" +
          "\n" +
          "Here is your initial attempt and some feedback:\n" +
          "invalid code\n" +
          "F\n" +
          "\n" +
          "    ",
      },
      "code_prompt#1": { feedback: "", task: "Generate code to generate christmas ascii-art" },
      "code_prompt#2": { feedback: "invalid code\nF", task: "Generate code to generate christmas ascii-art" },
      "concatenator#1": { current_prompt: ["invalid code"], feedback: "FAIL" },
      "feedback_llm#1": { prompt: feedbackPrompt("invalid code") },
      "feedback_llm#2": { prompt: feedbackPrompt("valid code") },
      "feedback_prompt#1": { code: ["invalid code"] },
      "feedback_prompt#2": { code: ["valid code"] },
      "router#1": { code: ["invalid code"], replies: ["FAIL"] },
      "router#2": { code: ["valid code"], replies: ["PASS"] },
    },
  };
}

describe.each(modes)("Running a correct pipeline (%s)", (mode) => {
  it("that has a loop in the middle", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 2 })
        .add("prompt_cleaner", PromptCleaner())
        .add(
          "prompt_builder",
          PromptBuilder({ template: "", variables: ["question", "invalid_replies"], requiredVariables: ["question"] }),
        )
        .add("llm", FirstNoAnswerGenerator())
        .add(
          "answer_validator",
          ConditionalRouter({
            routes: [
              {
                condition: "{{ 'No answer' in replies }}",
                output: "{{ replies }}",
                outputName: "invalid_replies",
                outputType: t.list(t.string),
              },
              {
                condition: "{{ 'No answer' not in replies }}",
                output: "{{ replies }}",
                outputName: "valid_replies",
                outputType: t.list(t.string),
              },
            ],
          }),
        )
        .add("answer_builder", AnswerBuilder())
        .connect("prompt_cleaner.clean_prompt", "prompt_builder.template")
        .connect("prompt_builder.prompt", "llm.prompt")
        .connect("llm.replies", "answer_validator.replies")
        .connect("answer_validator.invalid_replies", "prompt_builder.invalid_replies")
        .connect("answer_validator.valid_replies", "answer_builder.replies");
      const question = "What is the answer?";
      return {
        pipeline,
        runs: [
          {
            inputs: {
              prompt_cleaner: { prompt: "Random template" },
              prompt_builder: { question },
              answer_builder: { query: question },
            },
            expectedOutputs: {
              answer_builder: {
                answers: [
                  new GeneratedAnswer({ data: "42", query: question, documents: [], meta: { all_messages: ["42"] } }),
                ],
              },
            },
            expectedCalls: {
              "answer_builder#1": { query: "What is the answer?", replies: ["42"] },
              "answer_validator#1": { replies: ["No answer"] },
              "answer_validator#2": { replies: ["42"] },
              "llm#1": { prompt: "Random template" },
              "llm#2": { prompt: "" },
              "prompt_builder#1": { invalid_replies: "", question: "What is the answer?", template: "Random template" },
              "prompt_builder#2": { invalid_replies: ["No answer"], question: "What is the answer?" },
              "prompt_cleaner#1": { prompt: "Random template" },
            },
          },
        ],
      };
    }, mode);
  });

  it("that is an agent that can use RAG", async () => {
    await runScenario(() => {
      const agentPromptTemplate = `
Your task is to answer the user's question.
You can use a RAG system to find information.
Use the RAG system until you have sufficient information to answer the question.
To use the RAG system, output "search:" followed by your question.
Once you have an answer, output "answer:" followed by your answer.

Here is the question: {{query}}
    `;
      const ragPromptTemplate = `
Answer the question based on the provided documents.
Question: {{ query }}
Documents:
{% for document in documents %}
{{ document.content }}
{% endfor %}
    `;
      const router = ConditionalRouter({
        routes: [
          {
            condition: "{{ 'search:' in replies[0] }}",
            output: "{{ replies[0] }}",
            outputName: "search",
            outputType: t.string,
          },
          {
            condition: "{{ 'answer:' in replies[0] }}",
            output: "{{ replies }}",
            outputName: "answer",
            outputType: t.list(t.string),
          },
        ],
      });
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 2 })
        .add("joiner", BranchJoiner({ type: t.string }))
        .add("rag_llm", FixedGenerator({ replies: ["This is all the information I found!"] }))
        .add("rag_prompt", PromptBuilder({ template: ragPromptTemplate }))
        .add("agent_prompt", PromptBuilder({ template: agentPromptTemplate }))
        .add("agent_llm", FixedGenerator({ replies: ["search: Can you help me?", "answer: here is my answer"] }))
        .add("router", router)
        .add(
          "concatenator",
          OutputAdapter({ template: "{{current_prompt + '\n' + rag_answer[0]}}", outputType: t.string }),
        )
        .add("retriever", RagFakeRetriever())
        .add("answer_builder", AnswerBuilder())
        .connect("agent_prompt.prompt", "joiner.value")
        .connect("joiner.value", "agent_llm.prompt")
        .connect("agent_llm.replies", "router.replies")
        .connect("router.search", "retriever.query")
        .connect("router.answer", "answer_builder.replies")
        .connect("retriever.documents", "rag_prompt.documents")
        .connect("rag_prompt.prompt", "rag_llm.prompt")
        .connect("rag_llm.replies", "concatenator.rag_answer")
        .connect("joiner.value", "concatenator.current_prompt")
        .connect("concatenator.output", "joiner.value");
      const query = "Does this run reliably?";
      const agentPrompt =
        "\n" +
        "Your task is to answer the user's question.\n" +
        "You can use a RAG system to find information.\n" +
        "Use the RAG system until you have sufficient information to answer the question.\n" +
        'To use the RAG system, output "search:" followed by your question.\n' +
        'Once you have an answer, output "answer:" followed by your answer.\n' +
        "\n" +
        "Here is the question: Does this run reliably?\n" +
        "    ";
      const agentPromptWithRag = `${agentPrompt}\nThis is all the information I found!`;
      return {
        pipeline,
        runs: [
          {
            inputs: { agent_prompt: { query }, rag_prompt: { query }, answer_builder: { query } },
            expectedOutputs: {
              answer_builder: {
                answers: [
                  new GeneratedAnswer({
                    data: "answer: here is my answer",
                    query,
                    documents: [],
                    meta: { all_messages: ["answer: here is my answer"] },
                  }),
                ],
              },
            },
            expectedCalls: {
              "agent_llm#1": { prompt: agentPrompt },
              "agent_llm#2": { prompt: agentPromptWithRag },
              "agent_prompt#1": { query: "Does this run reliably?" },
              "answer_builder#1": { query: "Does this run reliably?", replies: ["answer: here is my answer"] },
              "concatenator#1": { current_prompt: agentPrompt, rag_answer: ["This is all the information I found!"] },
              "joiner#1": { value: [agentPrompt] },
              "joiner#2": { value: [agentPromptWithRag] },
              "rag_llm#1": {
                prompt:
                  "\n" +
                  "Answer the question based on the provided documents.\n" +
                  "Question: Does this run reliably?\n" +
                  "Documents:\n" +
                  "\n" +
                  "This is a document potentially answering the question.\n" +
                  "\n" +
                  "    ",
              },
              "rag_prompt#1": {
                // Haystack hard-codes its own id for this document; Trama computes its own from content and meta.
                documents: [
                  new Document({
                    content: "This is a document potentially answering the question.",
                    meta: { access_group: 1 },
                  }),
                ],
                query: "Does this run reliably?",
              },
              "retriever#1": { query: "search: Can you help me?" },
              "router#1": { replies: ["search: Can you help me?"] },
              "router#2": { replies: ["answer: here is my answer"] },
            },
          },
        ],
      };
    }, mode);
  });

  it("that has a feedback loop", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 100 })
        .add("code_llm", FixedGenerator({ replies: ["invalid code", "valid code"] }))
        .add("code_prompt", PromptBuilder({ template: feedbackLoopCodePromptTemplate, requiredVariables: ["task"] }))
        .add(
          "feedback_prompt",
          PromptBuilder({ template: feedbackLoopFeedbackPromptTemplate, requiredVariables: ["code"] }),
        )
        .add("feedback_llm", FixedGenerator({ replies: ["FAIL", "PASS"] }))
        .add("router", ConditionalRouter({ routes: failOrPassRoutes }))
        .add(
          "concatenator",
          OutputAdapter({ template: "{{current_prompt[0] + '\n' + feedback[0]}}", outputType: t.string }),
        )
        .add("answer_builder", AnswerBuilder())
        .connect("code_prompt.prompt", "code_llm.prompt")
        .connect("code_llm.replies", "feedback_prompt.code")
        .connect("feedback_llm.replies", "router.replies")
        .connect("router.fail", "concatenator.feedback")
        .connect("router.pass", "answer_builder.replies")
        .connect("code_llm.replies", "router.code")
        .connect("feedback_prompt.prompt", "feedback_llm.prompt")
        .connect("code_llm.replies", "concatenator.current_prompt")
        .connect("concatenator.output", "code_prompt.feedback");
      return { pipeline, runs: [feedbackLoopRun()] };
    }, mode);
  });

  it("created in a non-standard order that has a loop", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 2 })
        .add(
          "concatenator",
          OutputAdapter({ template: "{{current_prompt[0] + '\n' + feedback[0]}}", outputType: t.string }),
        )
        .add("code_llm", FixedGenerator({ replies: ["invalid code", "valid code"] }))
        .add("code_prompt", PromptBuilder({ template: feedbackLoopCodePromptTemplate, requiredVariables: ["task"] }))
        .add(
          "feedback_prompt",
          PromptBuilder({ template: feedbackLoopFeedbackPromptTemplate, requiredVariables: ["code"] }),
        )
        .add("feedback_llm", FixedGenerator({ replies: ["FAIL", "PASS"] }))
        .add("router", ConditionalRouter({ routes: failOrPassRoutes }))
        .add("answer_builder", AnswerBuilder())
        .connect("concatenator.output", "code_prompt.feedback")
        .connect("code_prompt.prompt", "code_llm.prompt")
        .connect("code_llm.replies", "feedback_prompt.code")
        .connect("feedback_llm.replies", "router.replies")
        .connect("router.fail", "concatenator.feedback")
        .connect("feedback_prompt.prompt", "feedback_llm.prompt")
        .connect("router.pass", "answer_builder.replies")
        .connect("code_llm.replies", "router.code")
        .connect("code_llm.replies", "concatenator.current_prompt");
      return { pipeline, runs: [feedbackLoopRun()] };
    }, mode);
  });

  it("that has an agent with a feedback cycle", async () => {
    await runScenario(() => {
      const codePromptTemplate = `
Generate code to solve the task: {{ task }}

You can edit files by returning:
Edit: file_name

Once you solved the task, respond with:
Task finished!

{% if feedback %}
Here is your initial attempt and some feedback:
{{ feedback }}
{% endif %}
    `;
      const feedbackPromptTemplate = `
{% if task_finished %}
Check if this code is valid and can run: {{ code }}
Return "PASS" if it passes and "FAIL" if it fails.
Provide additional feedback on why it fails.
{% endif %}
    `;
      const feedbackRouter = ConditionalRouter({
        routes: [
          {
            condition: "{{ 'FAIL' in replies[0] }}",
            output: "{{ current_prompt + '\n' + replies[0] }}",
            outputName: "fail",
            outputType: t.string,
          },
          {
            condition: "{{ 'PASS' in replies[0] }}",
            output: "{{ replies }}",
            outputName: "pass",
            outputType: t.list(t.string),
          },
        ],
      });
      const toolUseRouter = ConditionalRouter({
        routes: [
          {
            condition: "{{ 'Edit:' in replies[0] }}",
            output: "{{ replies }}",
            outputName: "edit",
            outputType: t.list(t.string),
          },
          {
            condition: "{{ 'Task finished!' in replies[0] }}",
            output: "{{ replies }}",
            outputName: "done",
            outputType: t.list(t.string),
          },
        ],
      });
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 8 })
        .add("code_prompt", PromptBuilder({ template: codePromptTemplate, requiredVariables: ["task"] }))
        .add("joiner", BranchJoiner({ type: t.string }))
        .add(
          "code_llm",
          FixedGenerator({ replies: ["Edit: file_1.py", "Edit: file_2.py", "Edit: file_3.py", "Task finished!"] }),
        )
        .add("tool_use_router", toolUseRouter)
        .add("file_editor", FakeFileEditor())
        .add(
          "agent_concatenator",
          OutputAdapter({ template: "{{current_prompt + '\n' + files}}", outputType: t.string }),
        )
        .add(
          "feedback_prompt",
          PromptBuilder({ template: feedbackPromptTemplate, requiredVariables: ["task_finished"] }),
        )
        .add("feedback_llm", FixedGenerator({ replies: ["FAIL", "PASS"] }))
        .add("feedback_router", feedbackRouter)
        // Main agent
        .connect("code_prompt.prompt", "joiner.value")
        .connect("joiner.value", "code_llm.prompt")
        .connect("code_llm.replies", "tool_use_router.replies")
        .connect("tool_use_router.edit", "file_editor.replies")
        .connect("file_editor.files", "agent_concatenator.files")
        .connect("joiner.value", "agent_concatenator.current_prompt")
        .connect("agent_concatenator.output", "joiner.value")
        // Feedback cycle
        .connect("tool_use_router.done", "feedback_prompt.task_finished")
        .connect("agent_concatenator.output", "feedback_prompt.code")
        .connect("feedback_prompt.prompt", "feedback_llm.prompt")
        .connect("feedback_llm.replies", "feedback_router.replies")
        .connect("agent_concatenator.output", "feedback_router.current_prompt")
        .connect("feedback_router.fail", "joiner.value");

      const task = "Generate code to generate christmas ascii-art";
      // The prompts grow by one line per edit and per failed review; Haystack spells each out in full.
      const start =
        "\n" +
        "Generate code to solve the task: Generate code to generate christmas ascii-art\n" +
        "\n" +
        "You can edit files by returning:\n" +
        "Edit: file_name\n" +
        "\n" +
        "Once you solved the task, respond with:\n" +
        "Task finished!\n" +
        "\n" +
        "\n" +
        "    ";
      const edit = "\nThis is the edited file content.";
      const prompts = [
        start,
        start + edit,
        start + edit + edit,
        start + edit + edit + edit,
        `${start + edit + edit + edit}\nFAIL`,
        `${start + edit + edit + edit}\nFAIL${edit}`,
        `${start + edit + edit + edit}\nFAIL${edit}${edit}`,
        `${start + edit + edit + edit}\nFAIL${edit}${edit}${edit}`,
      ];
      const review = (code: string) =>
        "\n" +
        "\n" +
        `Check if this code is valid and can run: ${code}\n` +
        'Return "PASS" if it passes and "FAIL" if it fails.\n' +
        "Provide additional feedback on why it fails.\n" +
        "\n" +
        "    ";
      const files = "This is the edited file content.";
      const edits = ["Edit: file_1.py", "Edit: file_2.py", "Edit: file_3.py"];
      const expectedCalls: Record<string, unknown> = {
        "agent_concatenator#1": { current_prompt: prompts[0], files },
        "agent_concatenator#2": { current_prompt: prompts[1], files },
        "agent_concatenator#3": { current_prompt: prompts[2], files },
        "agent_concatenator#4": { current_prompt: prompts[4], files },
        "agent_concatenator#5": { current_prompt: prompts[5], files },
        "agent_concatenator#6": { current_prompt: prompts[6], files },
        "code_prompt#1": { feedback: "", task },
        "feedback_llm#1": { prompt: review(prompts[3]!) },
        "feedback_llm#2": { prompt: review(prompts[7]!) },
        "feedback_prompt#1": { code: prompts[3], task_finished: ["Task finished!"] },
        "feedback_prompt#2": { code: prompts[7], task_finished: ["Task finished!"] },
        "feedback_router#1": { current_prompt: prompts[3], replies: ["FAIL"] },
        "feedback_router#2": { current_prompt: prompts[7], replies: ["PASS"] },
      };
      prompts.forEach((prompt, index) => {
        expectedCalls[`code_llm#${index + 1}`] = { prompt };
        expectedCalls[`joiner#${index + 1}`] = { value: [prompt] };
        expectedCalls[`tool_use_router#${index + 1}`] = {
          replies: [index % 4 === 3 ? "Task finished!" : edits[index % 4]],
        };
      });
      for (let visit = 1; visit <= 6; visit++) {
        expectedCalls[`file_editor#${visit}`] = { replies: [edits[(visit - 1) % 3]] };
      }
      return {
        pipeline,
        runs: [
          {
            inputs: { code_prompt: { task } },
            expectedOutputs: { feedback_router: { pass: ["PASS"] } },
            expectedCalls,
          },
        ],
      };
    }, mode);
  });

  it("that passes outputs that are consumed in cycle to outside the cycle", async () => {
    await runScenario(() => {
      const feedbackPromptTemplate = `
Check if this code is valid and can run: {{ code[0] }}
Return "PASS" if it passes and "FAIL" if it fails.
Provide additional feedback on why it fails.
    `;
      const validResponse = `
def generate_santa_sleigh():
    '''
    Returns ASCII art of Santa Claus on his sleigh with Rudolph leading the way.
    '''
    # implementation goes here.
    return art
    `;
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 3 })
        .add(
          "concatenator",
          OutputAdapter({
            template: "{{code_prompt + '\n' + generated_code[0] + '\n' + feedback}}",
            outputType: t.string,
          }),
        )
        .add("code_llm", FixedGenerator({ replies: ["invalid code", "invalid code", validResponse] }))
        .add("code_prompt", PromptBuilder({ template: "{{task}}" }))
        .add("feedback_prompt", PromptBuilder({ template: feedbackPromptTemplate }))
        .add("feedback_llm", FixedGenerator({ replies: ["FAIL", "FAIL, come on, try again.", "PASS"] }))
        .add("router", ConditionalRouter({ routes: failOrPassRoutes }))
        .add("joiner", BranchJoiner({ type: t.string }))
        .add("answer_builder", AnswerBuilderWithPrompt())
        .connect("concatenator.output", "joiner.value")
        .connect("joiner.value", "code_prompt.task")
        .connect("code_prompt.prompt", "code_llm.prompt")
        .connect("code_prompt.prompt", "concatenator.code_prompt")
        .connect("code_llm.replies", "feedback_prompt.code")
        .connect("feedback_llm.replies", "router.replies")
        .connect("router.fail", "concatenator.feedback")
        .connect("feedback_prompt.prompt", "feedback_llm.prompt")
        .connect("router.pass", "answer_builder.replies")
        .connect("code_llm.replies", "router.code")
        .connect("code_llm.replies", "concatenator.generated_code")
        .connect("concatenator.output", "answer_builder.prompt");

      const task = "Generate code to generate christmas ascii-art";
      const secondPrompt = "Generate code to generate christmas ascii-art\ninvalid code\nFAIL";
      const expectedPrompt = `Generate code to generate christmas ascii-art
invalid code
FAIL
invalid code
FAIL, come on, try again.`;
      const feedbackPrompt = (code: string) =>
        "\n" +
        `Check if this code is valid and can run: ${code}\n` +
        'Return "PASS" if it passes and "FAIL" if it fails.\n' +
        "Provide additional feedback on why it fails.\n" +
        "    ";
      return {
        pipeline,
        runs: [
          {
            inputs: { joiner: { value: task }, answer_builder: { query: task } },
            expectedOutputs: {
              answer_builder: {
                answers: [
                  new GeneratedAnswer({
                    data: validResponse,
                    query: task,
                    documents: [],
                    meta: { prompt: expectedPrompt, all_messages: [validResponse] },
                  }),
                ],
              },
            },
            expectedCalls: {
              "answer_builder#1": { prompt: expectedPrompt, query: task, replies: [validResponse] },
              "code_llm#1": { prompt: task },
              "code_llm#2": { prompt: secondPrompt },
              "code_llm#3": { prompt: expectedPrompt },
              "code_prompt#1": { task },
              "code_prompt#2": { task: secondPrompt },
              "code_prompt#3": { task: expectedPrompt },
              "concatenator#1": { code_prompt: task, feedback: "FAIL", generated_code: ["invalid code"] },
              "concatenator#2": {
                code_prompt: secondPrompt,
                feedback: "FAIL, come on, try again.",
                generated_code: ["invalid code"],
              },
              "feedback_llm#1": { prompt: feedbackPrompt("invalid code") },
              "feedback_llm#2": { prompt: feedbackPrompt("invalid code") },
              "feedback_llm#3": {
                prompt:
                  "\n" +
                  "Check if this code is valid and can run: \n" +
                  "def generate_santa_sleigh():\n" +
                  "    '''\n" +
                  "    Returns ASCII art of Santa Claus on his sleigh with Rudolph leading the way.\n" +
                  "    '''\n" +
                  "    # implementation goes here.\n" +
                  "    return art\n" +
                  "    \n" +
                  'Return "PASS" if it passes and "FAIL" if it fails.\n' +
                  "Provide additional feedback on why it fails.\n" +
                  "    ",
              },
              "feedback_prompt#1": { code: ["invalid code"] },
              "feedback_prompt#2": { code: ["invalid code"] },
              "feedback_prompt#3": { code: [validResponse] },
              "joiner#1": { value: [task] },
              "joiner#2": { value: [secondPrompt] },
              "joiner#3": { value: [expectedPrompt] },
              "router#1": { code: ["invalid code"], replies: ["FAIL"] },
              "router#2": { code: ["invalid code"], replies: ["FAIL, come on, try again."] },
              "router#3": { code: [validResponse], replies: ["PASS"] },
            },
          },
        ],
      };
    }, mode);
  });

  it("where a component in a cycle provides inputs for a component outside the cycle in one iteration and no input in another iteration", async () => {
    await runScenario(() => {
      const pipeline = new Pipeline<Record<string, AnyComponent>>({ maxRunsPerComponent: 2 })
        .add("joiner", BranchJoiner({ type: t.string }))
        .add(
          "router",
          ConditionalRouter({
            routes: [
              {
                condition: "{{query == 'iterationiterationiterationiteration'}}",
                output: "{{query}}",
                outputName: "exit",
                outputType: t.string,
              },
              {
                condition: "{{query != 'iterationiterationiterationiteration'}}",
                output: "{{query}}",
                outputName: "continue",
                outputType: t.string,
              },
            ],
          }),
        )
        .add("builder", PromptBuilder({ template: "{{query ~ query}}" }))
        .add(
          "outside_builder",
          PromptBuilder({
            template: "{{cycle_output ~ delayed_input}}",
            requiredVariables: ["cycle_output", "delayed_input"],
          }),
        )
        .add(
          "outside_router",
          ConditionalRouter({
            routes: [
              {
                condition: "{{query == 'iterationiteration'}}",
                output: "{{query}}",
                outputName: "cycle_output",
                outputType: t.string,
              },
              {
                condition: "{{query != 'iterationiteration'}}",
                output: "{{query}}",
                outputName: "no_output",
                outputType: t.string,
              },
            ],
          }),
        )
        .connect("joiner.value", "builder.query")
        .connect("builder.prompt", "router.query")
        .connect("router.continue", "joiner.value")
        .connect("builder.prompt", "outside_router.query")
        .connect("outside_router.cycle_output", "outside_builder.cycle_output")
        .connect("router.exit", "outside_builder.delayed_input");
      return {
        pipeline,
        runs: [
          {
            inputs: { joiner: { value: "iteration" } },
            expectedOutputs: {
              outside_builder: { prompt: "iterationiterationiterationiterationiterationiteration" },
              outside_router: { no_output: "iterationiterationiterationiteration" },
            },
            expectedCalls: {
              "joiner#1": { value: ["iteration"] },
              "builder#1": { query: "iteration" },
              "router#1": { query: "iterationiteration" },
              "outside_router#1": { query: "iterationiteration" },
              "joiner#2": { value: ["iterationiteration"] },
              "builder#2": { query: "iterationiteration" },
              "router#2": { query: "iterationiterationiterationiteration" },
              "outside_router#2": { query: "iterationiterationiterationiteration" },
              "outside_builder#1": {
                cycle_output: "iterationiteration",
                delayed_input: "iterationiterationiterationiteration",
              },
            },
          },
        ],
      };
    }, mode);
  });
});
