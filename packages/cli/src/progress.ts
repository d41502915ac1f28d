/**
 * A progress bar for long jobs (indexing, batch merges, model downloads). On a terminal it redraws one line; when
 * output goes to a file or a pipe it prints a plain line at most every few seconds and at the end, so logs stay readable.
 */
export interface ProgressBar {
  /** Sets how far the job is; `detail` names the current item (a file, a member). */
  update(done: number, detail?: string): void;
  /** Adds to the total when it grows as work is discovered. */
  setTotal(total: number): void;
  /** Ends the bar: draws it complete (or as it stands) and moves to the next line. */
  finish(message?: string): void;
}

export interface ProgressOptions {
  /** What is being counted: `files`, `documents`, `MB`. */
  unit?: string;
  /** Shown before the bar. */
  label: string;
  total: number;
  /** Minimum time between plain lines when not on a terminal. Default 5 s. */
  plainIntervalMs?: number;
}

export function createProgressBar(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  options: ProgressOptions,
): ProgressBar {
  let total = options.total;
  let done = 0;
  let detail = "";
  let lastPlain = 0;
  const started = Date.now();
  const unit = options.unit ? ` ${options.unit}` : "";
  const tty = stream.isTTY === true;

  const line = (): string => {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const percent = `${Math.floor(fraction * 100)}`.padStart(3);
    const counts = `${done}/${total}${unit}`;
    const elapsed = (Date.now() - started) / 1000;
    const eta = fraction > 0 && fraction < 1 ? ` ~${Math.ceil((elapsed / fraction) * (1 - fraction))} s left` : "";
    if (!tty) return `${options.label}: ${percent}% ${counts}${eta}${detail ? ` ${detail}` : ""}`;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - options.label.length - counts.length - 30));
    const filled = Math.round(fraction * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    const text = `${options.label} ${bar} ${percent}% ${counts}${eta}${detail ? ` ${detail}` : ""}`;
    return text.slice(0, Math.max(20, (stream.columns ?? 80) - 1));
  };

  const draw = (final: boolean) => {
    if (tty) {
      stream.write(`\r\x1b[2K${line()}${final ? "\n" : ""}`);
      return;
    }
    const now = Date.now();
    if (final || now - lastPlain >= (options.plainIntervalMs ?? 5000)) {
      lastPlain = now;
      stream.write(`${line()}\n`);
    }
  };

  return {
    update(value, currentDetail) {
      done = value;
      if (currentDetail !== undefined) detail = currentDetail;
      draw(false);
    },
    setTotal(value) {
      total = value;
    },
    finish(message) {
      if (message !== undefined) detail = message;
      draw(true);
    },
  };
}
