/**
 * Small posts in the show's formats, written by tests into their own temporary folders: a numbered episode in the
 * older style (`layout: single`, the video as an include, bracket headings) and an interview in the newer one
 * (`layout: episode`, `youtube_id`, speaker lines with times).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const episodePost = `---
title: "Agenti e modelli: cosa cambia - #42"
categories:
  - Puntate
layout: single
---

{% include video id="nitLzgXt33M" provider="youtube" %}

## **[00:00] Introduzione e Mood della Puntata**

**Stefano**

> Buongiorno a tutti e bentornati. Oggi parliamo di intelligenza artificiale, perché è il tema della settimana, con tante novità.

**Paolo**

> Sì, e di cloud code, che ormai usiamo tutti.

## **[05:29] Il libro come medium nell'era AI: ebook vs cartaceo**

**Alessio**

> Il libro resta un medium straordinario. <script>alert("x")</script> Ma l'ebook è comodo.

## **[1:02:03] Chiusura**

**Stefano**

> Grazie a tutti, alla prossima puntata.
`;

export const interviewPost = `---
title: "L'AGI arriva prima di quanto credi | Alessandro Maserati"
date: 2026-02-04
layout: episode
episode_number: null
episode_type: intervista
youtube_id: XP2jiPxFtPk
categories:
  - Interviste
---

## [00:00] Presentazione

**Stefano Maestri (00:05)** Ciao a tutti, oggi con noi Alessandro.

**Alessandro Maserati (00:42)** Parliamo delle intelligenze artificiali generative e di Claude.
`;

/** A temporary folder holding the two posts under their dated file names; returns the folder. */
export function writePosts(prefix = "trama-transcripts-search-"): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(folder, "2026-03-07-Puntata42.md"), episodePost);
  writeFileSync(join(folder, "2026-02-04-Intervista-Alessandro-Maserati.md"), interviewPost);
  return folder;
}
