import { defineComponent, t } from "@trama/core";
import type { PostValidation } from "./post-issue.js";
import { validatePost } from "./validate-post.js";

/** Parameters of `PostValidator`. */
export interface PostValidatorParams {
  /** Allowed speakers; see `validatePost`. */
  roster?: string[];
  /** Keys the front matter must have; see `validatePost`. */
  requiredKeys?: string[];
}

/** A post validator's result (`PostValidation`). */
export const postValidationType = t.named<PostValidation>("PostValidation");

/**
 * Validates a post (`validatePost` as a component): `validation` holds every finding; `valid` is false when there
 * is an error, for a router to act on.
 */
export const PostValidator = defineComponent({
  type: "transcripts.PostValidator",
  inputs: { text: t.string, file: t.string.optional() },
  outputs: { validation: postValidationType, valid: t.boolean },
  run: ({ text, file }, { params }: { params: PostValidatorParams }) => {
    const validation = validatePost(text, {
      ...(file === undefined ? {} : { file }),
      ...(params.roster === undefined ? {} : { roster: params.roster }),
      ...(params.requiredKeys === undefined ? {} : { requiredKeys: params.requiredKeys }),
    });
    return { validation, valid: validation.valid };
  },
});
