/**
 * Live progress of a council run on stderr. A terminal gets one line per model, redrawn in place as stages advance
 * and tokens stream; a pipe or a file gets plain lines, one per start, end or failure, so logs stay readable.
 * @module
 */
import type { CouncilEvent } from "@trama/council";

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const stageNames = { answer: "answering", review: "reviewing", chairman: "chairing" } as const;

interface MemberLine {
  member: string;
  status: string;
  tokens: number;
}

/** Shows a run's events as they come; `finish` leaves the last picture on screen. */
export class CouncilProgress {
  readonly #stream: Stream;
  readonly #tty: boolean;
  readonly #lines = new Map<string, MemberLine>();
  #drawn = 0;
  #stage = "";
  #lastDraw = 0;
  #pending: ReturnType<typeof setTimeout> | undefined;

  constructor(stream: Stream) {
    this.#stream = stream;
    this.#tty = stream.isTTY === true;
  }

  /** Takes one event of the run. */
  update(event: CouncilEvent): void {
    switch (event.type) {
      case "council-start":
        for (const member of event.members) this.#set(member.name, "waiting");
        this.#plain(
          `Council of ${event.members.length}: ${event.members.map((member) => member.name).join(", ")}; ${event.chairman.name} chairs.`,
        );
        break;
      case "stage-start":
        this.#stage = `Stage ${event.stage === "answer" ? 1 : event.stage === "review" ? 2 : 3}: ${stageNames[event.stage]}`;
        this.#plain(`${this.#stage} (${event.members.join(", ")})`);
        break;
      case "stage-end":
        this.#plain(
          `${this.#stage} done in ${seconds(event.durationMs)}: ${event.completed.length} finished${event.failed.length ? `, ${event.failed.length} failed (${event.failed.join(", ")})` : ""}.`,
        );
        break;
      case "member-start":
        this.#set(event.member, stageNames[event.stage], 0);
        this.#plain(`  ${event.member}: ${stageNames[event.stage]}…`);
        break;
      case "member-delta": {
        const line = this.#lines.get(event.member);
        if (line) line.tokens += 1;
        break;
      }
      case "member-end":
        this.#set(
          event.member,
          `${stageNames[event.stage]} done in ${seconds(event.latencyMs)}${tokens(event.usage.outputTokens)}`,
        );
        this.#plain(
          `  ${event.member}: ${stageNames[event.stage]} done in ${seconds(event.latencyMs)}${tokens(event.usage.outputTokens)}`,
        );
        break;
      case "member-error":
        this.#set(event.member, `✗ ${event.stage} failed: ${event.error.message}`);
        this.#plain(`  ${event.member}: ${event.stage} failed: ${event.error.message}`);
        break;
      case "ballot-parsed":
        if (event.ballot.status !== "complete") {
          this.#plain(
            `  ${event.reviewer}: ballot ${event.ballot.status}${event.ballot.problem ? ` (${event.ballot.problem})` : ""}`,
          );
        }
        break;
      case "chairman-fallback":
        this.#plain(`  ${event.from} could not chair (${event.error.message}); ${event.to} takes over.`);
        break;
      default:
        break;
    }
    this.#schedule();
  }

  /** Draws the final state and leaves it. */
  finish(): void {
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = undefined;
    if (this.#tty) this.#draw();
  }

  #set(member: string, status: string, tokens?: number): void {
    const line = this.#lines.get(member) ?? { member, status, tokens: 0 };
    line.status = status;
    if (tokens !== undefined) line.tokens = tokens;
    this.#lines.set(member, line);
  }

  #plain(text: string): void {
    if (!this.#tty) this.#stream.write(`${text}\n`);
  }

  /** Redraws at most ten times a second: token deltas come far faster than a terminal needs. */
  #schedule(): void {
    if (!this.#tty || this.#pending) return;
    const wait = Math.max(0, 100 - (Date.now() - this.#lastDraw));
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.#draw();
    }, wait);
    this.#pending.unref?.();
  }

  #draw(): void {
    this.#lastDraw = Date.now();
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    const lines = [
      this.#stage || "Council",
      ...[...this.#lines.values()].map((line) => {
        const streaming = /ing$/.test(line.status) && line.tokens > 0 ? ` (${line.tokens} chunks)` : "";
        return `  ${line.member}: ${line.status}${streaming}`;
      }),
    ];
    let text = this.#drawn > 0 ? `\x1b[${this.#drawn}A` : "";
    for (const line of lines) text += `\r\x1b[2K${line.slice(0, width)}\n`;
    this.#stream.write(text);
    this.#drawn = lines.length;
  }
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

function tokens(count: number | undefined): string {
  return count === undefined ? "" : `, ${count} tokens`;
}
