import { defineComponent, documentType, PipelineDefinitionError, t } from "@trama/core";
import type { DuplicatePolicy } from "../store/document-store.js";
import { savedStoreParams } from "./retriever-params.js";
import { StoreHandle, type StoreReference } from "./store-reference.js";

export interface DocumentWriterParams {
  /** Where documents go: a live store, a shorthand (`sqlite:./trama.db`) or a saved configuration. */
  store: StoreReference;
  /**
   * What happens to a document whose id is already stored: `fail` (the default: nothing of the batch is written),
   * `skip` (the stored one stays), or `overwrite`.
   */
  policy?: DuplicatePolicy;
}

const policies: readonly DuplicatePolicy[] = ["skip", "overwrite", "fail"];

function checkedPolicy(policy: unknown, where: string): DuplicatePolicy {
  if (!policies.includes(policy as DuplicatePolicy)) {
    throw new PipelineDefinitionError(`${where}: policy '${String(policy)}' is not one of ${policies.join(", ")}.`);
  }
  return policy as DuplicatePolicy;
}

/**
 * Writes documents to a store in one atomic write (a failed write leaves the store as it was), with a duplicate
 * policy; returns how many were written and how many skipped. Haystack's `DocumentWriter`.
 */
export const DocumentWriter = defineComponent({
  type: "trama.DocumentWriter",
  state: (params: DocumentWriterParams) => {
    checkedPolicy(params.policy ?? "fail", "DocumentWriter");
    return { store: new StoreHandle(params.store, "DocumentWriter") };
  },
  inputs: { documents: t.list(documentType), policy: t.string.optional() },
  outputs: { documentsWritten: t.number, documentsSkipped: t.number },
  warmUp: async ({ state }) => {
    await state.store.get();
  },
  run: async ({ documents, policy }, { params, state }, context) => {
    const chosen = checkedPolicy(policy ?? params.policy ?? "fail", `DocumentWriter '${context.component}'`);
    const store = await state.store.get();
    const { written, skipped } = await store.write(documents, { policy: chosen });
    return { documentsWritten: written, documentsSkipped: skipped };
  },
  toConfig: savedStoreParams,
});
