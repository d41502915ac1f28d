import { readFileSync } from "node:fs";
import type { SSEItem } from "@trama/models/testing";

const directory = new URL("./", import.meta.url);

/** A JSON fixture (a response body as the API sends it). */
export function jsonFixture(name: string): any {
  return JSON.parse(readFileSync(new URL(name, directory), "utf8"));
}

/** A server-sent event stream fixture, as named events whose data is sent exactly as recorded. */
export function sseFixture(name: string): SSEItem[] {
  return readFileSync(new URL(name, directory), "utf8")
    .split(/\n\n+/)
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
      return event ? { event, data } : data;
    });
}
