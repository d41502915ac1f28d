/**
 * Links from a search hit: to the place in the published post (the Jekyll permalink of the post, then `#` and the
 * chapter heading's id) and to the video at the turn's second.
 * @module
 */
import { TranscriptSearchError } from "./search-error.js";

/** Where the show's site is and how Jekyll names its post URLs. */
export interface SiteLinks {
  /** The site's address, such as `https://risorseartificiali.github.io` (Jekyll's `url` + `baseurl`). Default `""`: links start at `/`. */
  baseUrl?: string;
  /**
   * Jekyll's `permalink` setting: a style (`date`, `pretty`, `ordinal`, `none`) or a pattern with `:categories`,
   * `:year`, `:month`, `:day`, `:title` (the slug), `:slug` and `:output_ext`. Default `date`, Jekyll's own default.
   */
  permalink?: string;
}

/** Jekyll's built-in permalink styles. */
export const permalinkStyles: Readonly<Record<string, string>> = {
  date: "/:categories/:year/:month/:day/:title:output_ext",
  pretty: "/:categories/:year/:month/:day/:title/",
  ordinal: "/:categories/:year/:y_day/:title:output_ext",
  none: "/:categories/:title:output_ext",
};

/** What a post's link is built from (the `post`, `date` and `categories` metadata of its documents). */
export interface PostLinkInput {
  slug: string;
  date?: string;
  categories?: readonly string[];
}

/**
 * The post's URL under `site`: the permalink pattern filled in (`/puntate/2026/03/07/Puntata42.html`), after the base
 * URL, with `#anchor` when given.
 *
 * @throws TranscriptSearchError when the pattern needs the date and the post has none.
 */
export function postUrl(post: PostLinkInput, site: SiteLinks = {}, anchor?: string): string {
  const pattern = permalinkStyles[site.permalink ?? "date"] ?? site.permalink ?? permalinkStyles.date!;
  const [year, month, day] = (post.date ?? "").split("-");
  const needsDate = /:(year|month|day|y_day)/.test(pattern);
  if (needsDate && !year) {
    throw new TranscriptSearchError(
      `The post '${post.slug}' has no date (front matter 'date' or a YYYY-MM-DD- file name), which the permalink '${pattern}' needs. Date the post, or set a permalink without dates.`,
    );
  }
  const values: Record<string, string> = {
    categories: (post.categories ?? []).map(encodeURIComponent).join("/"),
    year: year ?? "",
    month: month ?? "",
    day: day ?? "",
    y_day: year ? String(dayOfYear(post.date!)).padStart(3, "0") : "",
    title: encodeURIComponent(post.slug),
    slug: encodeURIComponent(post.slug.toLowerCase()),
    output_ext: ".html",
  };
  const path = pattern
    .replace(/:(categories|year|month|day|y_day|title|slug|output_ext)/g, (_match, name: string) => values[name]!)
    .replace(/\/{2,}/g, "/");
  const base = (site.baseUrl ?? "").replace(/\/+$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}${anchor ? `#${encodeURIComponent(anchor)}` : ""}`;
}

/** The video at a second: `https://www.youtube.com/watch?v=<id>&t=<seconds>s`; without a second, the video's start. */
export function videoUrl(youtubeId: string, seconds?: number): string {
  const at = seconds === undefined ? "" : `&t=${Math.max(0, Math.floor(seconds))}s`;
  return `https://www.youtube.com/watch?v=${encodeURIComponent(youtubeId)}${at}`;
}

function dayOfYear(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Math.floor((time - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000) + 1;
}
