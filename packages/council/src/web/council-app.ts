import { fileResponse, serveFiles, type TramaApp } from "@trama/server";
import { ConversationStore } from "../conversations/conversation-store.js";
import type { CouncilConfig } from "../council-config.js";
import { clientFiles, clientPage } from "./client-files.js";
import { councilRoutes } from "./council-routes.js";
import { type CouncilConfigSource, CouncilRuns } from "./council-runs.js";

/** Options of `councilApp`. */
export interface CouncilAppOptions {
  /** The council that answers: a configuration, or a function that provides it when the first question comes. */
  council: CouncilConfigSource;
  /** The conversation database file. Default: `council.db` in the data folder (`TRAMA_DATA_DIR`, else `~/.local/share/trama`). */
  databasePath?: string;
  /** The environment the default database path is read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Who would answer, without starting or fetching anything, for the page to show before the first question (with
   * `council` a function, it is called only when a question comes). Default: `council` itself when it is a
   * configuration; else the page shows no members.
   */
  describe?: () => CouncilDescriptionSource | Promise<CouncilDescriptionSource>;
}

/** A council to describe: its configuration and what the user should know about it. */
export interface CouncilDescriptionSource {
  config: CouncilConfig;
  notes?: string[];
}

/**
 * The council's web app, for `@trama/server`: a page with the conversations (searchable, deletable), a question box
 * with follow-ups, every stage streamed token by token with per-member progress, a tab per member with its answer and
 * its de-anonymized review, the aggregate ranking, the final answer, a stop button and exports; and the API behind it.
 * Conversations are kept in SQLite. Mounted at `/council`.
 */
export function councilApp(options: CouncilAppOptions): TramaApp {
  let store: ConversationStore | undefined;
  let runs: CouncilRuns | undefined;
  return {
    name: "council",
    title: "Council",
    description: "Several models answer, rank each other's answers blind, and a chairman writes the final answer.",
    mount(app, context) {
      store = ConversationStore.open({
        ...(options.databasePath === undefined ? {} : { path: options.databasePath }),
        ...(options.env === undefined ? {} : { env: options.env }),
      });
      runs = new CouncilRuns({ store, config: options.council, signal: context.signal, log: context.log });
      const describe =
        options.describe ??
        (typeof options.council === "function" ? undefined : () => ({ config: options.council as CouncilConfig }));
      councilRoutes({ app, store, runs, context, ...(describe ? { describe } : {}) });
      app.get("/", (request) => fileResponse(request, clientPage()));
      app.get("/static/:file", serveFiles(clientFiles()));
    },
    async close() {
      await runs?.close();
      store?.close();
    },
  };
}
