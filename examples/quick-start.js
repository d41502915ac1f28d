/**
 * `npm start`: a small pipeline that runs offline. It routes support questions by topic, builds a prompt for each
 * branch, joins whichever branch ran, and streams what happens. The model layer and the products replace it as they
 * land.
 */
import { BranchJoiner, ConditionalRouter, PromptBuilder } from "@trama/components";
import { Pipeline, t } from "@trama/core";

const pipeline = new Pipeline()
  .add(
    "router",
    ConditionalRouter({
      routes: [
        {
          condition: "{{ 'invoice' in question|lower }}",
          output: "{{ question }}",
          outputName: "billing",
          outputType: t.string,
        },
        { condition: "{{ true }}", output: "{{ question }}", outputName: "general", outputType: t.string },
      ],
    }),
  )
  .add("billing", PromptBuilder({ template: "You answer billing questions. Question: {{ question }}" }))
  .add("general", PromptBuilder({ template: "You answer anything. Question: {{ question }}" }))
  .add("prompt", BranchJoiner({ type: t.string }))
  .connect("router.billing", "billing.question")
  .connect("router.general", "general.question")
  .connect("billing.prompt", "prompt")
  .connect("general.prompt", "prompt");

for (const question of ["Where is my invoice for March?", "How do I reset my password?"]) {
  console.log(`\nQuestion: ${question}`);
  const stream = pipeline.stream({ router: { question } });
  for await (const event of stream) {
    if (event.type === "node-end")
      console.log(`  ${event.component} (visit ${event.visit}) → ${JSON.stringify(event.outputs)}`);
  }
  console.log(`Result: ${JSON.stringify(await stream.result)}`);
}

console.log("\nThe pipeline as Mermaid (paste into https://mermaid.live or any Mermaid viewer):\n");
console.log(pipeline.toMermaid());
console.log("\nThe pipeline as YAML:\n");
console.log(pipeline.toYAML());
