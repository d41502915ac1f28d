import { components as generalComponents } from "@trama/components";
import { ComponentRegistry, Pipeline } from "@trama/core";
import { describe, expect, it } from "vitest";
import { buildCouncilPipeline, councilInputs } from "./build-council-pipeline.js";
import { components } from "./components.js";
import { setUpCouncil } from "./council-setup.js";
import { startScriptedMember } from "./testing/index.js";

describe("the council pipeline", () => {
  it("saves to YAML and loads back into a pipeline that runs the same council", async () => {
    const members = await Promise.all([
      startScriptedMember({ answer: "The longest of the three answers, by far." }),
      startScriptedMember({ answer: "A middle answer." }),
      startScriptedMember({ answer: "Short." }),
    ]);
    try {
      const setup = setUpCouncil({
        members: members.map((member) => member.shorthand),
        seed: 5,
        titleModel: members[2]!.shorthand,
      });
      const yaml = buildCouncilPipeline(setup, { title: true }).toYAML();
      expect(yaml).toContain("type: council.Review");
      expect(yaml).toContain("seed: 5");

      const loaded = Pipeline.fromYAML(yaml, { registry: new ComponentRegistry(components, generalComponents) });
      expect(loaded.toYAML()).toBe(yaml);
      const outputs = await loaded.run(councilInputs(setup, { question: "Which answer is longest?" }, { title: true }));
      expect(outputs.chairman!.final).toMatchObject({
        chairman: members[0]!.shorthand,
        text: "Final answer drawn from 3 answers.",
      });
      expect(outputs.title!.title).toBe("Scripted title");
    } finally {
      await Promise.all(members.map((member) => member.close()));
    }
  });

  it("is drawn as Mermaid with a branch per member", () => {
    const setup = setUpCouncil({ members: ["ollama:a", "ollama:b"] });
    const mermaid = buildCouncilPipeline(setup, { title: false }).toMermaid();
    for (const node of ["answer_0", "answer_1", "review_0", "review_1", "aggregate", "chairman"])
      expect(mermaid).toContain(node);
  });
});
