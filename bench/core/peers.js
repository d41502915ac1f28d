/**
 * The same three workloads written with each library a user might pick instead of Trama: LangChain.js (LCEL and
 * LangGraph.js), Mastra workflows and LlamaIndex.TS workflows. Each builder returns an async function doing one run.
 */
import { RunnableLambda, RunnableParallel, RunnableSequence } from "@langchain/core/runnables";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { createWorkflow as createLlamaWorkflow, workflowEvent } from "@llamaindex/workflow-core";
import { runWorkflow } from "@llamaindex/workflow-core/stream/run";
import { createStep, createWorkflow } from "@mastra/core/workflows";
import { z } from "zod";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const lcel = {
  chain(length) {
    const chain = RunnableSequence.from(Array.from({ length }, () => RunnableLambda.from(async (value) => value + 1)));
    return () => chain.invoke(0);
  },
  parallel(branches, waitMs) {
    const steps = Object.fromEntries(
      Array.from({ length: branches }, (_, i) => [
        `b${i}`,
        RunnableLambda.from(async (value) => {
          await sleep(waitMs);
          return value + i;
        }),
      ]),
    );
    const chain = RunnableSequence.from([
      RunnableParallel.from(steps),
      RunnableLambda.from(async (all) => Object.values(all).length),
    ]);
    return () => chain.invoke(0);
  },
  loop: undefined,
};

export const langgraph = {
  chain(length) {
    const State = Annotation.Root({ value: Annotation() });
    const graph = new StateGraph(State);
    for (let i = 0; i < length; i++) graph.addNode(`n${i}`, async (state) => ({ value: state.value + 1 }));
    graph.addEdge(START, "n0");
    for (let i = 1; i < length; i++) graph.addEdge(`n${i - 1}`, `n${i}`);
    graph.addEdge(`n${length - 1}`, END);
    const app = graph.compile();
    return () => app.invoke({ value: 0 });
  },
  parallel(branches, waitMs) {
    const State = Annotation.Root({
      results: Annotation({ reducer: (a, b) => a.concat(b), default: () => [] }),
      count: Annotation(),
    });
    const graph = new StateGraph(State);
    for (let i = 0; i < branches; i++) {
      graph.addNode(`b${i}`, async () => {
        await sleep(waitMs);
        return { results: [i] };
      });
      graph.addEdge(START, `b${i}`);
    }
    graph.addNode("join", async (state) => ({ count: state.results.length }));
    graph.addEdge(
      Array.from({ length: branches }, (_, i) => `b${i}`),
      "join",
    );
    graph.addEdge("join", END);
    const app = graph.compile();
    return () => app.invoke({});
  },
  loop(iterations) {
    const State = Annotation.Root({ count: Annotation() });
    const graph = new StateGraph(State)
      .addNode("join", async (state) => ({ count: state.count }))
      .addNode("route", async (state) => ({ count: state.count + 1 }))
      .addEdge(START, "join")
      .addEdge("join", "route")
      .addConditionalEdges("route", (state) => (state.count < iterations ? "join" : END));
    const app = graph.compile();
    return () => app.invoke({ count: 0 }, { recursionLimit: iterations * 2 + 10 });
  },
};

const number = z.object({ value: z.number() });

export const mastra = {
  chain(length) {
    let workflow = createWorkflow({ id: "chain", inputSchema: number, outputSchema: number });
    for (let i = 0; i < length; i++) {
      workflow = workflow.then(
        createStep({
          id: `s${i}`,
          inputSchema: number,
          outputSchema: number,
          execute: async ({ inputData }) => ({ value: inputData.value + 1 }),
        }),
      );
    }
    const committed = workflow.commit();
    return async () => (await committed.createRun()).start({ inputData: { value: 0 } });
  },
  parallel(branches, waitMs) {
    const steps = Array.from({ length: branches }, (_, i) =>
      createStep({
        id: `b${i}`,
        inputSchema: number,
        outputSchema: number,
        execute: async ({ inputData }) => {
          await sleep(waitMs);
          return { value: inputData.value + i };
        },
      }),
    );
    const join = createStep({
      id: "join",
      inputSchema: z.record(z.string(), number),
      outputSchema: number,
      execute: async ({ inputData }) => ({ value: Object.keys(inputData).length }),
    });
    const workflow = createWorkflow({ id: "parallel", inputSchema: number, outputSchema: number })
      .parallel(steps)
      .then(join)
      .commit();
    return async () => (await workflow.createRun()).start({ inputData: { value: 0 } });
  },
  loop(iterations) {
    const count = z.object({ count: z.number() });
    const join = createStep({
      id: "join",
      inputSchema: count,
      outputSchema: count,
      execute: async ({ inputData }) => inputData,
    });
    const route = createStep({
      id: "route",
      inputSchema: count,
      outputSchema: count,
      execute: async ({ inputData }) => ({ count: inputData.count + 1 }),
    });
    const body = createWorkflow({ id: "body", inputSchema: count, outputSchema: count })
      .then(join)
      .then(route)
      .commit();
    const workflow = createWorkflow({ id: "loop", inputSchema: count, outputSchema: count })
      .dountil(body, async ({ inputData }) => inputData.count >= iterations)
      .commit();
    return async () => (await workflow.createRun()).start({ inputData: { count: 0 } });
  },
};

export const llamaindex = {
  chain(length) {
    const events = Array.from({ length: length + 1 }, () => workflowEvent());
    const workflow = createLlamaWorkflow();
    for (let i = 0; i < length; i++)
      workflow.handle([events[i]], async (_context, event) => events[i + 1].with(event.data + 1));
    return () => runWorkflow(workflow, events[0].with(0), events[length]);
  },
  parallel(branches, waitMs) {
    const start = workflowEvent();
    const branch = workflowEvent();
    const done = workflowEvent();
    const stop = workflowEvent();
    const workflow = createLlamaWorkflow();
    workflow.handle([start], async (context) => {
      for (let i = 0; i < branches; i++) context.sendEvent(branch.with(i));
      const results = await context.stream.filter(done).take(branches).toArray();
      return stop.with(results.length);
    });
    workflow.handle([branch], async (_context, event) => {
      await sleep(waitMs);
      return done.with(event.data);
    });
    return () => runWorkflow(workflow, start.with(0), stop);
  },
  loop(iterations) {
    const join = workflowEvent();
    const route = workflowEvent();
    const stop = workflowEvent();
    const workflow = createLlamaWorkflow();
    workflow.handle([join], async (_context, event) => route.with(event.data));
    workflow.handle([route], async (_context, event) =>
      event.data + 1 < iterations ? join.with(event.data + 1) : stop.with(event.data + 1),
    );
    return () => runWorkflow(workflow, join.with(0), stop);
  },
};
