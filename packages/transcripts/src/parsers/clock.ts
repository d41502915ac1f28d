/**
 * Clock times as transcripts write them (`MM:SS`, `H:MM:SS`, `MM:SS.mmm`, `HH:MM:SS,mmm`), read into seconds and
 * written back.
 * @module
 */

/** A clock time: optional hours, minutes, seconds, an optional fraction after `.` or `,` (SRT). */
export const CLOCK_PATTERN = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;

const clockPattern = new RegExp(`^${CLOCK_PATTERN}$`);

/**
 * Reads `MM:SS`, `H:MM:SS`, `HH:MM:SS.mmm` or `HH:MM:SS,mmm` into seconds; undefined when the text is not a clock time.
 * Seconds must be under 60, and so must minutes when hours are given (`75:30` without hours is 75 minutes).
 */
export function parseClock(text: string): number | undefined {
  const value = text.trim();
  if (!clockPattern.test(value)) return undefined;
  const [clock, fraction = ""] = value.split(/[.,]/);
  const parts = clock!.split(":").map(Number);
  const [hours, minutes, seconds] = parts.length === 3 ? parts : [0, ...parts];
  if (seconds! >= 60 || (parts.length === 3 && minutes! >= 60)) return undefined;
  const milliseconds = fraction === "" ? 0 : Number(fraction.padEnd(3, "0"));
  // Whole milliseconds divided once, so 00:02.869 is exactly 2.869 and not 2.8689999999999998.
  return ((hours! * 3600 + minutes! * 60 + seconds!) * 1000 + milliseconds) / 1000;
}

/**
 * Writes seconds as the show writes chapter times: `MM:SS` under an hour, `H:MM:SS` from an hour on (`1:09:25`),
 * seconds rounded down.
 */
export function formatClock(seconds: number): string {
  // A hair above the floor, so 62.9999999 from float arithmetic still writes 01:03 rather than 01:02.
  const whole = Math.max(0, Math.floor(seconds + 1e-6));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const mmss = `${String(minutes).padStart(2, "0")}:${String(rest).padStart(2, "0")}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
