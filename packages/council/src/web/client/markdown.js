// @ts-check
/**
 * Model output is data: Markdown rendered by marked, then sanitized by DOMPurify before it touches the page, so a
 * reply can format text but never run script, inject raw HTML, style the page or submit forms. Remote images are
 * also kept out by the page's Content-Security-Policy (`img-src 'self' data:`), so a reply cannot send data away.
 * @module
 */
import DOMPurify from "./vendor-dompurify.js";
import { marked } from "./vendor-marked.js";

const purifyOptions = {
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "option", "iframe", "object", "embed"],
  FORBID_ATTR: ["style", "id", "name"],
};

/**
 * Renders `text` as sanitized Markdown into `target`, replacing what it held.
 * @param {Element} target
 * @param {string} text
 */
export function renderMarkdown(target, text) {
  const html = /** @type {string} */ (marked.parse(text, { async: false, gfm: true }));
  target.innerHTML = DOMPurify.sanitize(html, purifyOptions);
  for (const link of target.querySelectorAll("a")) {
    link.setAttribute("rel", "noopener noreferrer nofollow");
    link.setAttribute("target", "_blank");
  }
}
