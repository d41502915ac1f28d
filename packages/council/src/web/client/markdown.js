// @ts-check
/**
 * Model output is data. Markdown is rendered by marked with raw HTML turned into visible text (a reply that writes
 * `<script>` or `<img onerror=…>` shows those characters, it does not make elements), then the result is sanitized by
 * DOMPurify as a second line of defence (`javascript:` links, anything marked lets through), so a reply can format
 * text but never run script, style the page, submit forms or load images (an image address is a request the reply
 * would make the browser send).
 * @module
 */
import DOMPurify from "./vendor-dompurify.js";
import { Marked } from "./vendor-marked.js";

/** @param {string} text */
const escapeHtml = (text) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const markdown = new Marked({
  gfm: true,
  renderer: {
    html: (token) => escapeHtml(token.text),
  },
});

const purifyOptions = {
  FORBID_TAGS: ["img", "picture", "video", "audio", "source", "style", "form", "input", "button", "textarea", "select"],
  FORBID_ATTR: ["style", "id", "name"],
};

/**
 * Renders `text` as sanitized Markdown into `target`, replacing what it held.
 * @param {Element} target
 * @param {string} text
 */
export function renderMarkdown(target, text) {
  const html = /** @type {string} */ (markdown.parse(text, { async: false }));
  target.innerHTML = DOMPurify.sanitize(html, purifyOptions);
  for (const link of target.querySelectorAll("a")) {
    link.setAttribute("rel", "noopener noreferrer nofollow");
    link.setAttribute("target", "_blank");
  }
}
