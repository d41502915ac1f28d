import type { Episode } from "../model/transcript.js";
import { type CueOptions, episodeCues } from "./cues.js";

/** A Podcasting 2.0 JSON transcript (`<podcast:transcript type="application/json">`). */
export interface PodcastTranscript {
  version: "1.0.0";
  segments: Array<{ speaker: string; startTime: number; endTime: number; body: string }>;
}

/**
 * Builds a Podcasting 2.0 JSON transcript: `{ version: "1.0.0", segments: [{ speaker, startTime, endTime, body }] }`,
 * one segment per caption cue (`episodeCues`), times in seconds rounded to the millisecond. Serialize it with
 * `JSON.stringify`.
 *
 * @throws TranscriptRenderError when the episode has no time at all.
 */
export function renderPodcastJson(episode: Episode, options: CueOptions = {}): PodcastTranscript {
  return {
    version: "1.0.0",
    segments: episodeCues(episode, options).map((cue) => ({
      speaker: cue.speaker,
      startTime: Math.round(cue.start * 1000) / 1000,
      endTime: Math.round(cue.end * 1000) / 1000,
      body: cue.text,
    })),
  };
}
