/**
 * What `trama transcripts merge` says of a merged episode besides writing it: the summary line, and warnings a user
 * should see at once (sources of different episodes, a post the validator would refuse).
 * @module
 */
import { formatIssues, type MergeResult, validatePost } from "@trama/transcripts";

/** Below this share of agreeing words the two sources are most likely not the same episode. */
const SAME_EPISODE_AGREEMENT = 0.5;

/** A warning when the captions and the recording tool's words hardly agree: a file of another episode, say. */
export function mismatchNote(result: MergeResult, files: { speakers: string; text?: string }): string | undefined {
  if (!files.text || result.report.agreement >= SAME_EPISODE_AGREEMENT) return undefined;
  const share = `${(result.report.agreement * 100).toFixed(0)}%`;
  return `Only ${share} of the words of ${files.text} agree with ${files.speakers}: check that both are the same episode's. Speakers and times come from that agreement, so this post's are guesses.`;
}

/**
 * What `trama transcripts validate` would say of a merged post, said at once: without --meta the post merges, but
 * has none of the front matter the site's layout and checks want.
 */
export function validationNotes(post: string, file: string): string[] {
  const validation = validatePost(post, { file });
  if (validation.issues.length === 0) return [];
  const notes = ["The post would not pass trama transcripts validate:", ...formatIssues(validation)];
  if (validation.issues.some((issue) => issue.rule === "required-key"))
    notes.push("Give the episode's front matter with --meta (a YAML file: title, date, layout, categories, tags, …).");
  return notes;
}

/** The line said after a single merge: words, agreement, interjections, chapters, fixes. */
export function summary(result: MergeResult): string {
  const { report } = result;
  const found = report.shortTurns.filter((turn) => turn.outcome === "found").length;
  const restored = report.shortTurns.filter((turn) => turn.outcome === "restored").length;
  const fixes = report.jargon?.filter((fix) => fix.outcome === "accepted").length;
  return [
    `${report.words} words, ${(report.agreement * 100).toFixed(0)}% agreeing`,
    `${found + restored} interjections (${restored} restored)`,
    `${report.chapters.length} chapters`,
    `${report.glossary.length} glossary fixes`,
    `${report.fillers.length} fillers removed`,
    ...(fixes === undefined ? [] : [`${fixes} model fixes`]),
  ].join(", ");
}
