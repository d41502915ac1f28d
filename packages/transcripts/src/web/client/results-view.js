// @ts-check
/**
 * Renders search hits and answers into the page, the same for the served app and the static site. Transcript text is
 * data: it only ever becomes text nodes (matched words in `<mark>`), never markup.
 */

/**
 * @typedef {{ text: string, mark?: true }} SnippetPart
 * @typedef {{ id: string, title: string, episode?: number, date?: string, speaker: string, chapter: string,
 *   time?: string, postUrl: string, videoUrl?: string, snippet: { parts: SnippetPart[] } }} Hit
 */

/**
 * An element with text content and attributes.
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {Array<Node | string>} [children]
 */
export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Shows `hits` in `list`, replacing what was there.
 * @param {HTMLElement} list
 * @param {Hit[]} hits
 */
export function renderHits(list, hits) {
  list.replaceChildren(
    ...hits.map((hit) => {
      const snippet = hit.snippet.parts.map((part) => (part.mark ? element("mark", {}, [part.text]) : part.text));
      const episode = hit.episode === undefined ? "" : `#${hit.episode} · `;
      return element("li", { class: "hit" }, [
        element("p", { class: "hit-where" }, [
          element("span", { class: "time" }, [hit.time ?? "--:--"]),
          ` ${hit.speaker} · ${hit.chapter}`,
        ]),
        element("p", { class: "hit-episode" }, [`${episode}${hit.title}${hit.date ? ` (${hit.date})` : ""}`]),
        element("p", { class: "snippet" }, snippet),
        element("p", { class: "hit-links" }, hitLinks(hit)),
      ]);
    }),
  );
}

/**
 * The links of a hit: to the post at the chapter's anchor, and to the video at the turn's second.
 * @param {Hit} hit
 */
function hitLinks(hit) {
  const links = [element("a", { href: hit.postUrl, class: "post-link" }, ["Read in the post"])];
  if (hit.videoUrl)
    links.push(element("a", { href: hit.videoUrl, class: "video-link" }, [`▶ Watch at ${hit.time ?? "the start"}`]));
  return links;
}

/**
 * @typedef {{ parts: Array<{ text: string } | { citation: number, hit: Hit }>,
 *   citations: Array<{ number: number, hit: Hit }> }} Answer
 */

/**
 * Shows an answer: its text, each citation a link to the turn's second, then the cited turns with links to the post's
 * chapter and the video. The model's words only ever become text nodes.
 * @param {HTMLElement} box
 * @param {Answer} answer
 */
export function renderAnswer(box, answer) {
  const text = answer.parts.map((part) => {
    if ("text" in part) return part.text;
    const label = `[${part.citation}${part.hit.time ? ` ${part.hit.time}` : ""}]`;
    return element(
      "a",
      {
        class: "citation",
        href: part.hit.videoUrl ?? part.hit.postUrl,
        title: `${part.hit.speaker} · ${part.hit.chapter}`,
      },
      [label],
    );
  });
  const sources = answer.citations.map(({ number, hit }) =>
    element("li", { class: "source", value: String(number) }, [
      element("span", { class: "time" }, [hit.time ?? "--:--"]),
      ` ${hit.speaker} · ${hit.chapter} `,
      element("span", { class: "hit-links" }, hitLinks(hit)),
    ]),
  );
  box.replaceChildren(
    element("p", { class: "answer-text" }, text),
    ...(sources.length ? [element("ol", { class: "answer-sources" }, sources)] : []),
  );
}
