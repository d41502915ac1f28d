import { t } from "@trama/core";
import type { Chapter, Episode, Transcript } from "./transcript.js";

/**
 * Socket types of the transcripts data, for components' inputs and outputs: sockets of equal names connect, so every
 * transcripts component uses these.
 * @module
 */

/** A parsed source transcript (`Transcript`). */
export const transcriptType = t.named<Transcript>("Transcript");
/** A chaptered, speaker-attributed episode (`Episode`). */
export const episodeType = t.named<Episode>("Episode");
/** One entry of a chapter list (`Chapter`). */
export const chapterType = t.named<Chapter>("Chapter");
