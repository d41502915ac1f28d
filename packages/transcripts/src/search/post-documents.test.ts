import { describe, expect, test } from "vitest";
import { episodePost, interviewPost } from "./__fixtures__/posts.js";
import { headingAnchors } from "./heading-anchor.js";
import { postDocuments } from "./post-documents.js";
import { postUrl, videoUrl } from "./post-links.js";

describe("postDocuments", () => {
  test("one document per turn, with episode, speaker, chapter, anchor and time", () => {
    const { info, documents, postHash } = postDocuments({ text: episodePost, file: "/posts/2026-03-07-Puntata42.md" });
    expect(info).toEqual({
      slug: "Puntata42",
      file: "2026-03-07-Puntata42.md",
      title: "Agenti e modelli: cosa cambia - #42",
      date: "2026-03-07",
      episode: 42,
      youtubeId: "nitLzgXt33M",
      categories: ["puntate"],
    });
    expect(documents.map((document) => [document.meta.speaker, document.meta.start, document.meta.anchor])).toEqual([
      ["Stefano", 0, "0000-introduzione-e-mood-della-puntata"],
      ["Paolo", 0, "0000-introduzione-e-mood-della-puntata"],
      ["Alessio", 329, "0529-il-libro-come-medium-nellera-ai-ebook-vs-cartaceo"],
      ["Stefano", 3723, "10203-chiusura"],
    ]);
    expect(documents[2]!.meta).toMatchObject({
      source: "transcripts",
      post: "Puntata42",
      post_hash: postHash,
      chapter: "Il libro come medium nell'era AI: ebook vs cartaceo",
      chapter_time: 329,
      time_source: "chapter",
      episode: 42,
      youtube_id: "nitLzgXt33M",
      turn: 2,
      passage: 0,
    });
    expect(documents[2]!.id).toBe(`Puntata42:${postHash}:2:0`);
  });

  test("turns with their own times keep them; a missing episode number stays absent", () => {
    const { info, documents } = postDocuments({
      text: interviewPost,
      file: "2026-02-04-Intervista-Alessandro-Maserati.md",
    });
    expect(info.episode).toBeUndefined();
    expect(info.youtubeId).toBe("XP2jiPxFtPk");
    expect(
      documents.map((document) => [document.meta.speaker, document.meta.start, document.meta.time_source]),
    ).toEqual([
      ["Stefano Maestri", 5, "turn"],
      ["Alessandro Maserati", 42, "turn"],
    ]);
  });

  test("long turns become passages at sentence ends, each with the turn's time", () => {
    const sentence = "Questa è una frase di dieci parole per il test. ";
    const post = `---\ntitle: t\n---\n\n## [10:00] Capitolo\n\n**Paolo (10:30)**\n\n> ${sentence.repeat(7)}\n\n> ${sentence.repeat(2)}\n`;
    const { documents } = postDocuments({ text: post, file: "2026-01-01-x.md", maxWords: 30 });
    expect(documents.map((document) => document.content!.split(/\s+/).length)).toEqual([30, 30, 30]);
    expect(new Set(documents.map((document) => document.meta.start))).toEqual(new Set([630]));
    expect(documents.map((document) => document.meta.passage)).toEqual([0, 1, 2]);
  });

  test("the digest changes with the text and with what the documents depend on", () => {
    const one = postDocuments({ text: episodePost, file: "a.md" }).postHash;
    expect(postDocuments({ text: episodePost, file: "a.md" }).postHash).toBe(one);
    expect(postDocuments({ text: `${episodePost}\n`, file: "a.md" }).postHash).not.toBe(one);
    expect(postDocuments({ text: episodePost, file: "a.md", indexKey: "embedder=x" }).postHash).not.toBe(one);
  });
});

describe("links", () => {
  test("heading ids as kramdown's GFM parser writes them, repeats numbered", () => {
    const anchors = headingAnchors();
    expect(anchors.next("**[00:00] Intro: Stefano Gatti, ex PM e data leader**")).toBe(
      "0000-intro-stefano-gatti-ex-pm-e-data-leader",
    );
    expect(anchors.next("L'AGI è già qui — davvero?")).toBe("lagi-è-già-qui--davvero");
    expect(anchors.next("Domande")).toBe("domande");
    expect(anchors.next("Domande")).toBe("domande-1");
  });

  test("post URLs follow Jekyll's permalink styles under the site's base URL", () => {
    const post = { slug: "Puntata42", date: "2026-03-07", categories: ["puntate"] };
    expect(postUrl(post, {}, "0000-intro")).toBe("/puntate/2026/03/07/Puntata42.html#0000-intro");
    expect(postUrl(post, { baseUrl: "https://example.org/blog/", permalink: "pretty" })).toBe(
      "https://example.org/blog/puntate/2026/03/07/Puntata42/",
    );
    expect(postUrl(post, { permalink: "/:categories/:title/" }, "lagi-è")).toBe("/puntate/Puntata42/#lagi-%C3%A8");
    expect(postUrl({ slug: "x" }, { permalink: "/episodi/:title/" })).toBe("/episodi/x/");
    expect(() => postUrl({ slug: "x" })).toThrow(/The post 'x' has no date/);
  });

  test("video links at the second", () => {
    expect(videoUrl("nitLzgXt33M", 329.7)).toBe("https://www.youtube.com/watch?v=nitLzgXt33M&t=329s");
    expect(videoUrl("nitLzgXt33M")).toBe("https://www.youtube.com/watch?v=nitLzgXt33M");
  });
});
