// The page imports marked's browser build, served under this name; its types are marked's own.
export * from "marked";
