// The page imports eventsource-parser's ES module build, served under this name; its types are the package's own.
export * from "eventsource-parser";
