// The page imports DOMPurify's ES module build, served under this name; its types are DOMPurify's own.
export { default } from "dompurify";
