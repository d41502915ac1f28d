/**
 * Markdown to plain text, through marked's lexer: headings kept as lines of their own, paragraphs, list items,
 * quotes and table rows as text, code blocks verbatim, link and image text without their addresses, HTML reduced to
 * its text. Blocks are separated by blank lines, so splitting by passage keeps them apart.
 * @module
 */
import { decodeHTML } from "entities";
import { Lexer, type Token, type Tokens } from "marked";
import { htmlText } from "./html-text.js";

/** The plain text of a Markdown body (without front matter). */
export function markdownText(markdown: string): string {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  return blocks(tokens).join("\n\n").trim();
}

function blocks(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const text = block(token);
    if (text.trim()) out.push(text);
  }
  return out;
}

function block(token: Token): string {
  switch (token.type) {
    case "space":
    case "hr":
    case "def":
      return "";
    case "heading":
    case "paragraph":
      return inline((token as Tokens.Heading | Tokens.Paragraph).tokens);
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : decodeHTML(text.text);
    }
    case "code":
      return (token as Tokens.Code).text;
    case "blockquote":
      return blocks((token as Tokens.Blockquote).tokens).join("\n\n");
    case "list":
      return (token as Tokens.List).items.map((item) => blocks(item.tokens).join("\n")).join("\n");
    case "table": {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens).trim()).join(" | ");
      return [row(table.header), ...table.rows.map(row)].join("\n");
    }
    case "html":
      return htmlText((token as Tokens.HTML).text).text;
    default: {
      const tokens = (token as Tokens.Generic).tokens;
      return tokens ? inline(tokens) : "";
    }
  }
}

function inline(tokens: readonly Token[]): string {
  let text = "";
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "escape": {
        const piece = token as Tokens.Text;
        text += piece.tokens ? inline(piece.tokens) : decodeHTML(piece.text);
        break;
      }
      case "codespan":
        text += decodeHTML((token as Tokens.Codespan).text);
        break;
      case "br":
        text += "\n";
        break;
      case "image":
        text += decodeHTML((token as Tokens.Image).text);
        break;
      case "html":
        // Inline tags (<span>, <br>) carry no text of their own.
        if ((token as Tokens.HTML).text.trim().toLowerCase().startsWith("<br")) text += "\n";
        break;
      case "checkbox":
        break;
      default: {
        const generic = token as Tokens.Generic;
        text += generic.tokens ? inline(generic.tokens) : decodeHTML(generic.text ?? "");
      }
    }
  }
  return text;
}
