import { fixtureFolder } from "@trama/provider/testing";

const fixtures = fixtureFolder(new URL("./", import.meta.url));

/** A JSON fixture (a response body as the API sends it). */
export const jsonFixture = fixtures.json;

/** A server-sent event stream fixture, as named events whose data is sent exactly as recorded. */
export const sseFixture = fixtures.sse;
