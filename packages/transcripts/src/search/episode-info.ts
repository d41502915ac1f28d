/**
 * What the search needs to know about a post beyond its turns: which episode it is, when it was published, its slug
 * (for its permalink) and its video, read from the front matter and, where the older posts leave them out, from the
 * file name (`2026-03-07-Puntata42.md`), the title (`… #42`) and the video include in the body.
 * @module
 */
import { basename, extname } from "node:path";
import type { ParsedPost } from "../post/read-post.js";

/** A post's identity and links, as every document of the post carries them. */
export interface EpisodeInfo {
  /** The post's slug: the file name without the date and the extension (Jekyll's `:title`), or the front matter's `slug`. */
  slug: string;
  /** The file's name, such as `2026-03-07-Puntata42.md`. */
  file: string;
  title: string;
  /** `YYYY-MM-DD`; absent when neither the front matter nor the file name has it. */
  date?: string;
  /** The episode number (`episode_number`, else `#42` at the end of the title); absent for interviews without one. */
  episode?: number;
  /** The YouTube video (`youtube_id`, else the `{% include video id="…" provider="youtube" %}` in the body). */
  youtubeId?: string;
  /** Lower-cased, for the `:categories` of the permalink. */
  categories: string[];
}

const datedFile = /^(\d{4}-\d{2}-\d{2})-(.+)$/;
const videoInclude = /\{%\s*include\s+video\s+id="([\w-]{6,})"\s+provider="youtube"\s*%\}/;
const titleNumber = /#\s?(\d{1,4})\s*$/;

/** Reads a post's `EpisodeInfo` from its parsed form and its file path. */
export function episodeInfo(post: ParsedPost, file: string): EpisodeInfo {
  const meta = post.episode.meta;
  const name = basename(file);
  const stem = name.slice(0, name.length - extname(name).length);
  const dated = datedFile.exec(stem);
  const title = typeof meta.title === "string" ? meta.title : stem;
  const date = dateOf(meta.date) ?? dated?.[1];
  const episode =
    typeof meta.episode_number === "number" ? meta.episode_number : numberOf(titleNumber.exec(title)?.[1]);
  const youtubeId =
    typeof meta.youtube_id === "string" && meta.youtube_id !== ""
      ? meta.youtube_id
      : videoInclude.exec(post.episode.preamble ?? "")?.[1];
  const categories = (Array.isArray(meta.categories) ? meta.categories : [meta.categories])
    .filter((category): category is string => typeof category === "string" && category !== "")
    .map((category) => category.toLowerCase());
  return {
    slug: typeof meta.slug === "string" && meta.slug !== "" ? meta.slug : (dated?.[2] ?? stem),
    file: name,
    title,
    ...(date ? { date } : {}),
    ...(episode === undefined ? {} : { episode }),
    ...(youtubeId ? { youtubeId } : {}),
    categories: [...new Set(categories)],
  };
}

function dateOf(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];
  return undefined;
}

function numberOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/**
 * A post's title as shown after its episode number: without the `#42` many titles end with when it is that number
 * ("#42 · Agenti e modelli", not "#42 · Agenti e modelli #42"). Other titles are left as they are.
 */
export function titleBesideNumber(title: string, episode: number | undefined): string {
  const number = title.match(titleNumber);
  if (episode === undefined || !number || Number(number[1]) !== episode) return title;
  // "Robot e persone - #43" loses its dash too.
  return title.slice(0, number.index).replace(/[\s\-–—:·|,]+$/u, "") || title;
}
