/**
 * JSON parsing that never throws: files and model replies are untrusted text, and a parse failure is an answer to
 * report (which file, which reply), not a crash.
 * @module
 */

/** A parsed value, or why the text is not JSON. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses JSON text; prototype-polluting keys (`__proto__`) are dropped. */
export function parseJson(text: string): JsonResult {
  try {
    return {
      ok: true,
      value: JSON.parse(text, (key, value) => (key === "__proto__" ? undefined : value)),
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * The JSON a model put in its reply, however it wrapped it: the whole reply, a fenced ```json block, or the first
 * balanced `{…}` or `[…]` in the text (models often add a sentence before or after), forgiving trailing commas.
 * Fails when none parses.
 */
export function parseJsonReply(reply: string): JsonResult {
  const candidates: string[] = [reply.trim()];
  for (const match of reply.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)) candidates.push(match[1]!.trim());
  for (const opener of ["{", "["]) {
    let from = reply.indexOf(opener);
    // Try a few openings: the first `{` may belong to prose such as "a set {like this}".
    for (let attempt = 0; from >= 0 && attempt < 5; attempt++) {
      const end = balancedEnd(reply, from);
      if (end > from) candidates.push(reply.slice(from, end + 1));
      from = reply.indexOf(opener, from + 1);
    }
  }
  let firstError = "the reply is empty";
  for (const [index, candidate] of candidates.entries()) {
    if (!candidate) continue;
    const parsed = parseJson(candidate);
    if (parsed.ok) return parsed;
    const repaired = parseJson(withoutTrailingCommas(candidate));
    if (repaired.ok) return repaired;
    if (index === 0) firstError = parsed.error;
  }
  return { ok: false, error: `no JSON found in the reply (${firstError})` };
}

/** The index of the bracket closing the one at `start`, skipping brackets inside strings; -1 when unbalanced. */
function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index]!;
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{" || char === "[") stack.push(char === "{" ? "}" : "]");
    else if (char === "}" || char === "]") {
      if (stack.pop() !== char) return -1;
      if (stack.length === 0) return index;
    }
  }
  return -1;
}

/** The text without commas right before a closing bracket (outside strings), which JSON forbids and models write. */
function withoutTrailingCommas(text: string): string {
  let out = "";
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (inString) {
      out += char;
      if (char === "\\") out += text[++index] ?? "";
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === ",") {
      const next = /\S/.exec(text.slice(index + 1));
      if (next && (next[0] === "}" || next[0] === "]")) continue;
    }
    out += char;
  }
  return out;
}
