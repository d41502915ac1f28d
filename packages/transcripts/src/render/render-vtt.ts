import type { Episode } from "../model/transcript.js";
import { type CueOptions, episodeCues } from "./cues.js";

/**
 * Writes an episode as WebVTT captions: a `WEBVTT` line, then cues (`episodeCues`: one speaker each, at most 7 s and
 * 84 characters by default, in start order) with `HH:MM:SS.mmm` times and the speaker as a `<v Speaker>` voice tag.
 * `&`, `<` and `>` are escaped as the format requires. `parseVtt` reads the speakers and words back.
 *
 * @throws TranscriptRenderError when the episode has no time at all.
 */
export function renderVtt(episode: Episode, options: CueOptions = {}): string {
  const cues = episodeCues(episode, options).map(
    (cue) => `${vttTime(cue.start)} --> ${vttTime(cue.end)}\n<v ${escapeVtt(cue.speaker)}>${escapeVtt(cue.text)}</v>`,
  );
  return `WEBVTT\n\n${cues.join("\n\n")}${cues.length > 0 ? "\n" : ""}`;
}

/** `HH:MM:SS.mmm`. */
export function vttTime(seconds: number): string {
  const milliseconds = Math.max(0, Math.round(seconds * 1000));
  const hours = Math.floor(milliseconds / 3_600_000);
  const minutes = Math.floor((milliseconds % 3_600_000) / 60_000);
  const rest = (milliseconds % 60_000) / 1000;
  return `${pad(hours)}:${pad(minutes)}:${rest.toFixed(3).padStart(6, "0")}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function escapeVtt(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
