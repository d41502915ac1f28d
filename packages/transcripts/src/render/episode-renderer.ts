import { defineComponent, PipelineDefinitionError, t } from "@trama/core";
import { episodeType } from "../model/socket-types.js";
import type { CueOptions } from "./cues.js";
import { renderPodcastJson } from "./render-podcast-json.js";
import { type RenderPostOptions, renderPost } from "./render-post.js";
import { renderVtt } from "./render-vtt.js";

/** The formats `EpisodeRenderer` writes. */
export type EpisodeFormat = "post" | "vtt" | "podcast-json";

/** Parameters of `EpisodeRenderer`: the format, and the options of its renderer. */
export interface EpisodeRendererParams extends RenderPostOptions, CueOptions {
  /** `post` (the show's Jekyll post, the default), `vtt` (WebVTT with voices) or `podcast-json` (Podcasting 2.0). */
  format?: EpisodeFormat;
}

const formats: readonly EpisodeFormat[] = ["post", "vtt", "podcast-json"];

/**
 * Writes an `Episode` as text: the Jekyll post (`renderPost`), WebVTT captions (`renderVtt`) or a Podcasting 2.0 JSON
 * transcript (`renderPodcastJson`, serialized with two-space indentation).
 */
export const EpisodeRenderer = defineComponent({
  type: "transcripts.EpisodeRenderer",
  state: (params: EpisodeRendererParams) => {
    if (params.format !== undefined && !formats.includes(params.format)) {
      throw new PipelineDefinitionError(
        `EpisodeRenderer: unknown format '${params.format}'; use ${formats.join(", ")}.`,
      );
    }
    return undefined;
  },
  inputs: { episode: episodeType },
  outputs: { text: t.string },
  run: ({ episode }, { params }) => {
    const { format = "post", maxSeconds, maxCharacters, accents, turnTimes } = params;
    const cueOptions = {
      ...(maxSeconds === undefined ? {} : { maxSeconds }),
      ...(maxCharacters === undefined ? {} : { maxCharacters }),
    };
    if (format === "vtt") return { text: renderVtt(episode, cueOptions) };
    if (format === "podcast-json")
      return { text: `${JSON.stringify(renderPodcastJson(episode, cueOptions), null, 2)}\n` };
    return {
      text: renderPost(episode, {
        ...(accents === undefined ? {} : { accents }),
        ...(turnTimes === undefined ? {} : { turnTimes }),
      }),
    };
  },
});
