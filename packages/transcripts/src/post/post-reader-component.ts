import { defineComponent, t } from "@trama/core";
import { episodeType } from "../model/socket-types.js";
import { readPost } from "./read-post.js";

/** Reads a published Jekyll post back into an `Episode`: `readPost` as a component. */
export const PostReader = defineComponent({
  type: "transcripts.PostReader",
  inputs: { text: t.string, file: t.string.optional() },
  outputs: { episode: episodeType },
  run: ({ text, file }) => ({ episode: readPost(text, file === undefined ? {} : { file }) }),
});
