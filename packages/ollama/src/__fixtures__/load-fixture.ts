import { fixtureFolder } from "@trama/provider/testing";

const fixtures = fixtureFolder(new URL("./", import.meta.url));

/** A JSON fixture, parsed. */
export const jsonFixture = fixtures.json;

/** The lines of an NDJSON fixture, parsed, for `sendJsonLines`. */
export const jsonLinesFixture = fixtures.jsonLines;
