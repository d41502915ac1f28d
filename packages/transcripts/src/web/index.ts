/**
 * `@trama/transcripts/web`: the transcripts search page for the shared Trama server (`trama serve`), and the static
 * search site for the show's Jekyll site.
 *
 * @example
 * ```ts
 * import { startServer } from "@trama/server";
 * import { transcriptsApp } from "@trama/transcripts/web";
 * const server = await startServer({ apps: [transcriptsApp({ posts: "./_posts", model: "ollama:qwen2.5:7b" })] });
 * ```
 * @module
 */
export { clientFiles, clientModules, clientPage, sitePage } from "./client-files.js";
export { postPage } from "./post-page.js";
export { buildSearchSite, type SearchSiteIndex, type SearchSiteOptions } from "./static-site.js";
export { maxQueryLength, type TranscriptsAppOptions, transcriptsApp } from "./transcripts-app.js";
