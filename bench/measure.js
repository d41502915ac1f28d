/** Timing helpers shared by the benchmarks: warm up, then take the median of several rounds. */

/** Milliseconds per call of `run`: warms up, then runs rounds of at least `roundMs` each and takes the median. */
export async function timePerCall(run, { warmup = 300, rounds = 7, roundMs = 150 } = {}) {
  for (let index = 0; index < warmup; index++) await run();
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    let calls = 0;
    const start = performance.now();
    do {
      await run();
      calls++;
    } while (performance.now() - start < roundMs);
    samples.push((performance.now() - start) / calls);
  }
  return median(samples);
}

/** Milliseconds per call for slow calls: `count` calls after one warm-up, median. */
export async function timeSlowCalls(run, count = 9) {
  await run();
  const samples = [];
  for (let index = 0; index < count; index++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Prints rows as an aligned table. */
export function printTable(title, header, rows) {
  const widths = header.map((cell, column) =>
    Math.max(String(cell).length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells) => cells.map((cell, column) => String(cell).padEnd(widths[column])).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
}

/** Runs `fn`, turning a thrown error into a short "n/a" reason so one peer cannot stop the bench. */
export async function attempt(fn) {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

/**
 * A measurement against its target, in words: "met (4.1 µs; target ≤ 5 µs)" or "missed: 5.3 µs against a target of
 * ≤ 5 µs, 6% over". The share is relative, so a small miss never reads as "missed by 0.0×".
 */
export function targetVerdict({ value, target, unit = "", atLeast = false, digits = 1 }) {
  const shown = (number) => `${number.toFixed(digits)}${unit === "×" || unit === "%" || !unit ? unit : ` ${unit}`}`;
  const bound = `${atLeast ? "≥" : "≤"} ${shown(target)}`;
  const met = atLeast ? value >= target : value <= target;
  if (met) return `met (${shown(value)}; target ${bound})`;
  const share = Math.abs(value / target - 1) * 100;
  const off = share < 1 ? "under 1%" : `${share.toFixed(0)}%`;
  return `missed: ${shown(value)} against a target of ${bound}, ${off} ${atLeast ? "short" : "over"}`;
}
