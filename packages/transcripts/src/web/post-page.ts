/**
 * A published post as a plain HTML page, for the search app when the show's site is not configured: chapter headings
 * carry the ids Jekyll gives them, so a result's link lands on the same anchor as it would on the site. Everything
 * from the post is escaped: transcript text is data.
 * @module
 */
import { escapeHtml } from "@trama/server";
import { formatClock } from "../parsers/clock.js";
import { parsePost } from "../post/read-post.js";
import { episodeInfo } from "../search/episode-info.js";
import { headingAnchors, headingText } from "../search/heading-anchor.js";
import { videoUrl } from "../search/post-links.js";

/** The page of the post `text` read from `file`; `staticPath` is where the app's stylesheet is served. */
export function postPage(input: { text: string; file: string; staticPath: string; searchPath: string }): string {
  const post = parsePost(input.text, { file: input.file });
  const info = episodeInfo(post, input.file);
  const anchors = headingAnchors();
  const sections = post.episode.sections.map((section, index) => {
    const raw = post.layout.sections[index]?.raw;
    const id = raw === undefined ? undefined : anchors.next(headingText(raw));
    const time = section.start === undefined ? "" : `[${formatClock(section.start)}] `;
    const video =
      info.youtubeId && section.start !== undefined
        ? ` <a class="video" href="${escapeHtml(videoUrl(info.youtubeId, section.start))}">▶ video</a>`
        : "";
    const heading =
      section.title || time
        ? `<h2${id ? ` id="${escapeHtml(id)}"` : ""}>${escapeHtml(time + section.title)}${video}</h2>`
        : "";
    const turns = section.turns.map(
      (turn) =>
        `<p class="speaker"><strong>${escapeHtml(turn.speaker)}</strong>${turn.start === undefined ? "" : ` <span class="time">${formatClock(turn.start)}</span>`}</p>\n<blockquote>${turn.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("")}</blockquote>`,
    );
    return `<section>${heading}\n${turns.join("\n")}</section>`;
  });
  const episode = info.episode === undefined ? "" : `#${info.episode} · `;
  return `<!doctype html>
<html lang="it">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(info.title)} · Trama</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${escapeHtml(input.staticPath)}styles.css">
  </head>
  <body class="post">
    <main>
      <p><a href="${escapeHtml(input.searchPath)}">← Search</a></p>
      <h1>${escapeHtml(info.title)}</h1>
      <p class="episode-meta">${escapeHtml(episode)}${escapeHtml(info.date ?? "")}</p>
      ${sections.join("\n")}
    </main>
  </body>
</html>
`;
}
