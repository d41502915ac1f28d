/**
 * The main text of an HTML page, parsed with htmlparser2: no scripts, styles or other invisible parts; navigation,
 * headers, footers and asides left out when the page marks them; inside `<main>` (or the `<article>`s) only, when
 * the page has one. Paragraphs, headings, list items and table rows become lines; blank lines separate paragraphs
 * and headings, so splitting by passage keeps them apart. `<pre>` keeps its line breaks.
 * @module
 */
import { Parser } from "htmlparser2";

/** Never visible text. */
const hidden = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "head",
  "iframe",
  "object",
  "canvas",
]);
/** Boilerplate around the main content. */
const boilerplate = new Set(["nav", "header", "footer", "aside", "form", "button", "select", "dialog"]);
/** Elements that end a line. */
const lineBreaking = new Set([
  "address",
  "article",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "hr",
  "li",
  "main",
  "ol",
  "section",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
  "caption",
  "details",
  "summary",
  "label",
  "option",
]);
/** Elements that end a paragraph (a blank line after them). */
const paragraphBreaking = new Set(["blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "p", "pre", "table"]);

/** What an HTML page holds: its main text, and its title when it has one. */
export interface HtmlText {
  text: string;
  title?: string;
}

interface Collected {
  /** Pieces of text, and line/paragraph markers. */
  pieces: Array<string | typeof LINE | typeof PARAGRAPH>;
}
const LINE = Symbol("line");
const PARAGRAPH = Symbol("paragraph");

/** Extracts the main text of `html` (see the module comment). */
export function htmlText(html: string): HtmlText {
  const all: Collected = { pieces: [] };
  const main: Collected = { pieces: [] };
  let title = "";
  let inTitle = false;
  let hiddenDepth = 0;
  let boilerplateDepth = 0;
  let preDepth = 0;
  let mainDepth = 0;
  let sawMain = false;
  let sawArticle = false;
  const articles: Collected = { pieces: [] };
  let articleDepth = 0;

  const push = (piece: Collected["pieces"][number]) => {
    all.pieces.push(piece);
    if (mainDepth > 0) main.pieces.push(piece);
    if (articleDepth > 0) articles.pieces.push(piece);
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "title") inTitle = true;
        if (hidden.has(name)) hiddenDepth++;
        else if (boilerplate.has(name)) boilerplateDepth++;
        if (name === "pre") preDepth++;
        if (name === "main") {
          mainDepth++;
          sawMain = true;
        }
        if (name === "article") {
          articleDepth++;
          sawArticle = true;
        }
        if (lineBreaking.has(name)) push(LINE);
        else if (paragraphBreaking.has(name)) push(PARAGRAPH);
      },
      ontext(text) {
        if (inTitle) title += text;
        if (hiddenDepth > 0 || boilerplateDepth > 0) return;
        push(preDepth > 0 ? text : text.replace(/\s+/g, " "));
      },
      onclosetag(name) {
        if (lineBreaking.has(name)) push(LINE);
        else if (paragraphBreaking.has(name)) push(PARAGRAPH);
        if (name === "title") inTitle = false;
        if (hidden.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        else if (boilerplate.has(name)) boilerplateDepth = Math.max(0, boilerplateDepth - 1);
        if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        if (name === "main") mainDepth = Math.max(0, mainDepth - 1);
        if (name === "article") articleDepth = Math.max(0, articleDepth - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();

  const chosen = sawMain ? main : sawArticle ? articles : all;
  const text = assemble(chosen.pieces);
  const cleanTitle = title.replace(/\s+/g, " ").trim();
  return cleanTitle ? { text, title: cleanTitle } : { text };
}

/** Joins pieces into lines: spaces trimmed around line breaks, at most one blank line in a row. */
function assemble(pieces: Collected["pieces"]): string {
  const blocks: string[] = [];
  let line = "";
  let pendingBreak: "" | "\n" | "\n\n" = "";
  const flush = (kind: "\n" | "\n\n") => {
    const trimmed = line.replace(/^[ \t]+|[ \t]+$/g, "");
    if (trimmed) {
      blocks.push(`${blocks.length ? pendingBreak : ""}${trimmed}`);
      pendingBreak = kind;
    } else if (kind === "\n\n" && pendingBreak) pendingBreak = "\n\n";
    line = "";
  };
  for (const piece of pieces) {
    if (piece === LINE) flush("\n");
    else if (piece === PARAGRAPH) flush("\n\n");
    else if (piece.includes("\n") && piece.trim()) {
      // <pre> text: each of its lines is a line of the output.
      const lines = piece.split("\n");
      lines.forEach((part, index) => {
        line += part;
        if (index < lines.length - 1) flush("\n");
      });
    } else line += piece;
  }
  flush("\n");
  return blocks.join("");
}
