/**
 * Headers and footers repeated on every page of a paged text (pages separated by `\f`), found as Haystack does: the
 * longest run of 3 to 29 words that starts (ends) every page but the first and the last, within 300 characters.
 * @module
 */

const windowSize = 300;
const minWords = 3;
const maxWords = 30;

/** Every run of `minWords` to `maxWords - 1` words of `text`, line breaks and tabs kept. */
function wordRuns(text: string): string[] {
  const words = text.replace(/\n/g, " \n").replace(/\t/g, " \t").split(" ");
  const runs: string[] = [];
  for (let size = minWords; size < maxWords; size++) {
    for (let index = 0; index + size <= words.length; index++) {
      runs.push(
        words
          .slice(index, index + size)
          .join(" ")
          .replace(/ \n/g, "\n")
          .replace(/ \t/g, "\t"),
      );
    }
  }
  return runs;
}

/** The longest word run every piece has, or undefined. */
function longestCommonRun(pieces: readonly string[]): string | undefined {
  if (!pieces.length) return undefined;
  let common = new Set(wordRuns(pieces[0]!));
  for (const piece of pieces.slice(1)) {
    const runs = new Set(wordRuns(piece));
    common = new Set([...common].filter((run) => runs.has(run)));
    if (!common.size) return undefined;
  }
  let longest: string | undefined;
  for (const run of common) if (run.trim() && (longest === undefined || run.length > longest.length)) longest = run;
  return longest;
}

/** The text without its repeated page headers and footers; texts of fewer than three pages are left as they are. */
export function removeHeadersAndFooters(text: string): string {
  let pages = text.split("\f");
  if (pages.length < 3) return text;
  const header = longestCommonRun(pages.slice(1, -1).map((page) => page.slice(0, windowSize)));
  if (header) pages = pages.map((page) => page.replaceAll(header, ""));
  const footer = longestCommonRun(pages.slice(1, -1).map((page) => page.slice(-windowSize)));
  if (footer) pages = pages.map((page) => page.replaceAll(footer, ""));
  return pages.join("\f");
}
