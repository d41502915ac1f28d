/** How bad a finding is: an `error` breaks the post or the show's rules; a `warning` is worth a look. */
export type PostIssueSeverity = "error" | "warning";

/** One finding of the post validator. */
export interface PostIssue {
  severity: PostIssueSeverity;
  /** 1-based line in the file. */
  line: number;
  /** A stable name for the rule, such as `front-matter-at-byte-0` or `chapter-order`. */
  rule: string;
  /** What is wrong and what to do, in one sentence or two. */
  message: string;
}

/** The validator's result for one post. */
export interface PostValidation {
  /** The file, or `<input>`. */
  file: string;
  /** Every finding, by line. */
  issues: PostIssue[];
  errors: number;
  warnings: number;
  /** True when there is no error (warnings allowed). */
  valid: boolean;
}

/** Collects issues; `error` and `warning` read as the rules do. */
export class IssueList {
  readonly issues: PostIssue[] = [];
  error(line: number, rule: string, message: string): void {
    this.issues.push({ severity: "error", line, rule, message });
  }
  warning(line: number, rule: string, message: string): void {
    this.issues.push({ severity: "warning", line, rule, message });
  }
}

/** The result for a file from its issues, sorted by line (errors first within a line). */
export function summarize(file: string, issues: readonly PostIssue[]): PostValidation {
  const sorted = [...issues].sort(
    (first, second) =>
      first.line - second.line || (first.severity === second.severity ? 0 : first.severity === "error" ? -1 : 1),
  );
  const errors = sorted.filter((issue) => issue.severity === "error").length;
  return { file, issues: sorted, errors, warnings: sorted.length - errors, valid: errors === 0 };
}

/** `file:line: error [rule] message` lines, as the CLI prints them. */
export function formatIssues(validation: PostValidation): string[] {
  return validation.issues.map(
    (issue) => `${validation.file}:${issue.line}: ${issue.severity} [${issue.rule}] ${issue.message}`,
  );
}
