import type { CouncilEvent } from "../council-events.js";

type DeltaEvent = Extract<CouncilEvent, { type: "member-delta" }>;

/**
 * Merges token deltas so a stored run keeps every character in far fewer events: a member's deltas of one stage
 * (answer text and reasoning apart) join into the previous delta of that member, until another event about that
 * member or a stage boundary comes between. Each member's text and the order of everything else are unchanged,
 * so replaying the merged events shows what the live stream showed.
 */
export function coalesceEvents(events: readonly CouncilEvent[]): CouncilEvent[] {
  const merged: CouncilEvent[] = [];
  const open = new Map<string, number>();
  for (const event of events) {
    if (event.type === "member-delta") {
      const key = `${event.stage}\u0000${event.member}\u0000${event.reasoning === true}`;
      const index = open.get(key);
      if (index !== undefined) {
        const previous = merged[index] as DeltaEvent;
        merged[index] = { ...previous, text: previous.text + event.text };
      } else {
        open.set(key, merged.length);
        merged.push({ ...event });
      }
      continue;
    }
    const member = "member" in event ? event.member : undefined;
    if (member === undefined) open.clear();
    else for (const key of [...open.keys()]) if (key.split("\u0000")[1] === member) open.delete(key);
    merged.push(event);
  }
  return merged;
}
