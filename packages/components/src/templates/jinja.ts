/**
 * Jinja templates on `@huggingface/jinja`, a sandboxed interpreter: templates read the values they are given and
 * call filters, but cannot reach JavaScript objects, prototypes or functions. Rendering follows Jinja's defaults
 * (no block trimming), like Python's Jinja2.
 *
 * Two gaps of the library are closed here: `==` and `!=` compare lists and objects by value (`replies == ['Rome']`),
 * and `join` accepts `attribute=` (`documents|join(', ', attribute='content')`). Lists and objects print as JSON.
 * @module
 */
import * as jinja from "@huggingface/jinja";
import { TramaError } from "@trama/core";
import { toTemplateValue } from "./template-values.js";

/** A template that does not parse, or fails while rendering. */
export class TemplateError extends TramaError {}

type Node = { type: string; [key: string]: any };
type RuntimeValue = { type: string; value: any };

// The package's type declarations import extensionless paths that Node's ESM resolution cannot follow, so the
// parts used here are typed locally.
interface Environment {
  set(name: string, value: unknown): RuntimeValue;
}
interface InterpreterInstance {
  global: Environment;
  run(program: Node): RuntimeValue;
  evaluate(node: Node, environment: Environment): RuntimeValue;
}
const { Environment, Interpreter, parse, tokenize } = jinja as unknown as {
  Environment: new () => Environment;
  Interpreter: new (environment: Environment) => InterpreterInstance;
  parse(tokens: unknown): Node;
  tokenize(source: string, options: { lstrip_blocks: boolean; trim_blocks: boolean }): unknown;
};

/** A parsed template, ready to render many times. */
export interface CompiledTemplate {
  readonly source: string;
  /** The variables the template reads and does not define itself, in order of first use. */
  readonly variables: readonly string[];
  /** Renders to text. */
  render(variables: Record<string, unknown>): string;
  /**
   * The value of a template that is a single expression (`{{ documents }}`, `{{ n + 2 }}`), as a real value: the
   * documents themselves, a number. Other templates render to text.
   */
  evaluate(variables: Record<string, unknown>): unknown;
}

/** Parses a template, naming the problem when it does not parse. */
export function compileTemplate(source: string): CompiledTemplate {
  let program: Node;
  try {
    program = parse(tokenize(source, { lstrip_blocks: false, trim_blocks: false }));
  } catch (error) {
    throw new TemplateError(`Template does not parse: ${(error as Error).message}. Template: ${preview(source)}`, {
      cause: error,
    });
  }
  const variables = findVariables(program);
  const expression = singleExpression(program);
  const run = (values: Record<string, unknown>, originals: WeakMap<object, unknown>) => {
    const environment = new Environment();
    for (const [name, value] of Object.entries(globals)) environment.set(name, value);
    for (const [name, value] of Object.entries(values)) environment.set(name, toTemplateValue(value, originals));
    return new TramaInterpreter(environment);
  };
  const fail = (error: unknown): never => {
    throw new TemplateError(`Template failed: ${(error as Error).message}. Template: ${preview(source)}`, {
      cause: error,
    });
  };
  return {
    source,
    variables,
    render(values) {
      try {
        return String(run(values, new WeakMap()).run(program).value);
      } catch (error) {
        return fail(error);
      }
    },
    evaluate(values) {
      if (!expression) return this.render(values);
      const originals = new WeakMap<object, unknown>();
      const path = pathOf(expression);
      // Paths into the given values return the values themselves; anything else (globals such as `true`,
      // operators, filters) goes through the interpreter.
      if (path && Object.hasOwn(values, path[0]!)) return resolvePath(values, path, originals);
      try {
        const interpreter = run(values, originals);
        return plain(interpreter.evaluate(expression, interpreter.global));
      } catch (error) {
        return fail(error);
      }
    },
  };
}

const globals = { true: true, false: false, none: null, True: true, False: false, None: null };

/** The runtime value classes are not exported by the library; take them from values it builds. */
const probe = new Environment();
const BooleanValue = probe.set("b", true).constructor as new (value: boolean) => RuntimeValue;
const StringValue = probe.set("s", "").constructor as new (value: string) => RuntimeValue;

class TramaInterpreter extends Interpreter {}
const base = Interpreter.prototype as unknown as Record<string, (this: unknown, ...args: any[]) => any>;
Object.assign(TramaInterpreter.prototype, {
  evaluateBinaryExpression(
    this: { evaluate(node: Node, env: Environment): RuntimeValue },
    node: Node,
    environment: Environment,
  ) {
    const operator = node.operator.value;
    if (operator === "==" || operator === "!=") {
      const equal = deepEqual(
        plain(this.evaluate(node.left, environment)),
        plain(this.evaluate(node.right, environment)),
      );
      return new BooleanValue(operator === "==" ? equal : !equal);
    }
    return base.evaluateBinaryExpression!.call(this, node, environment);
  },
  applyFilter(this: unknown, operand: RuntimeValue, filter: Node, environment: Environment) {
    if (filter.type === "CallExpression" && filter.callee.value === "join" && Array.isArray(operand.value)) {
      const [args, kwargs] = base.evaluateArguments!.call(this, filter.args, environment) as [
        RuntimeValue[],
        Map<string, RuntimeValue>,
      ];
      const attribute = kwargs.get("attribute");
      if (attribute) {
        const separator = (args[0] ?? kwargs.get("d") ?? kwargs.get("separator"))?.value ?? "";
        const parts = (operand.value as RuntimeValue[]).map((item) => {
          const field =
            item.value instanceof Map ? (item.value.get(attribute.value) as RuntimeValue | undefined) : undefined;
          return field === undefined || field.value === null || field.value === undefined ? "" : String(field.value);
        });
        return new StringValue(parts.join(String(separator)));
      }
    }
    return base.applyFilter!.call(this, operand, filter, environment);
  },
});

/** `a`, `a.b`, `a[0]`, `a[-1]`, `a['b']`: a path whose value can be looked up directly. */
function pathOf(node: Node): (string | number)[] | undefined {
  if (node.type === "Identifier") return [node.value];
  if (node.type !== "MemberExpression") return undefined;
  const object = pathOf(node.object);
  if (!object) return undefined;
  const property = node.property as Node;
  if (!node.computed && property.type === "Identifier") return [...object, property.value];
  if (property.type === "IntegerLiteral" || property.type === "StringLiteral") return [...object, property.value];
  if (
    property.type === "UnaryExpression" &&
    property.operator.value === "-" &&
    property.argument.type === "IntegerLiteral"
  ) {
    return [...object, -property.argument.value];
  }
  return undefined;
}

/** Looks a path up in the template view of the values (own fields only), handing back the original objects. */
function resolvePath(
  values: Record<string, unknown>,
  path: (string | number)[],
  originals: WeakMap<object, unknown>,
): unknown {
  const [root, ...rest] = path;
  let current = toTemplateValue(values[root!], originals);
  for (const key of rest) {
    if (typeof current !== "object" || current === null) return undefined;
    if (Array.isArray(current) && typeof key === "number") current = current[key < 0 ? current.length + key : key];
    else if (Object.hasOwn(current, key)) current = (current as Record<string, unknown>)[key];
    else return undefined;
  }
  return typeof current === "object" && current !== null && originals.has(current) ? originals.get(current) : current;
}

/** Interpreter value to plain JavaScript. */
function plain(value: RuntimeValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (value.type) {
    case "UndefinedValue":
      return undefined;
    case "NullValue":
      return null;
    case "ArrayValue":
    case "TupleValue":
      return (value.value as RuntimeValue[]).map(plain);
    case "ObjectValue":
    case "KeywordArgumentsValue":
      return Object.fromEntries(
        [...(value.value as Map<string, RuntimeValue>)].map(([key, inner]) => [key, plain(inner)]),
      );
    default:
      return value.value;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => deepEqual((a as any)[key], (b as any)[key]));
}

/** The one expression a template consists of (ignoring surrounding whitespace), if it is one. */
function singleExpression(program: Node): Node | undefined {
  const body = (program.body as Node[]).filter((node) => !(node.type === "StringLiteral" && /^\s*$/.test(node.value)));
  const only = body.length === 1 ? body[0]! : undefined;
  if (!only) return undefined;
  const statements = new Set([
    "If",
    "For",
    "Set",
    "Macro",
    "Comment",
    "CallStatement",
    "FilterStatement",
    "Break",
    "Continue",
  ]);
  if (statements.has(only.type)) return undefined;
  // A lone string literal is text, not `{{ 'text' }}`: render it as it stands.
  if (only.type === "StringLiteral" && body.length === (program.body as Node[]).length) return undefined;
  return only;
}

const builtins = new Set([
  "true",
  "false",
  "none",
  "True",
  "False",
  "None",
  "loop",
  "range",
  "namespace",
  "raise_exception",
  "strftime_now",
  "caller",
  "varargs",
  "kwargs",
]);

/** Variables read but not defined by the template (like Jinja2's `meta.find_undeclared_variables`). */
function findVariables(program: Node): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (node: unknown, scope: ReadonlySet<string>): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, scope);
      return;
    }
    if (!node || typeof node !== "object" || typeof (node as Node).type !== "string") return;
    const current = node as Node;
    switch (current.type) {
      case "Identifier": {
        const name = current.value as string;
        if (!scope.has(name) && !builtins.has(name) && !seen.has(name)) {
          seen.add(name);
          found.push(name);
        }
        return;
      }
      case "MemberExpression":
        visit(current.object, scope);
        if (current.computed) visit(current.property, scope);
        return;
      case "FilterExpression":
        visit(current.operand, scope);
        if (current.filter.type === "CallExpression") visit(current.filter.args, scope);
        return;
      case "FilterStatement":
        if (current.filter.type === "CallExpression") visit(current.filter.args, scope);
        visit(current.body, scope);
        return;
      case "TestExpression":
        visit(current.operand, scope);
        return;
      case "KeywordArgumentExpression":
        visit(current.value, scope);
        return;
      case "For": {
        visit(current.iterable, scope);
        const inner = new Set(scope);
        for (const name of names(current.loopvar)) inner.add(name);
        visit(current.body, inner);
        visit(current.defaultBlock, scope);
        return;
      }
      case "Set": {
        visit(current.value, scope);
        visit(current.body, scope);
        for (const name of names(current.assignee)) (scope as Set<string>).add(name);
        return;
      }
      case "Macro": {
        (scope as Set<string>).add(current.name.value);
        const inner = new Set(scope);
        for (const parameter of current.args as Node[]) for (const name of names(parameter)) inner.add(name);
        visit(current.body, inner);
        return;
      }
      case "CallExpression":
        visit(current.callee, scope);
        visit(current.args, scope);
        return;
      default:
        for (const [key, value] of Object.entries(current))
          if (key !== "type" && key !== "operator") visit(value, scope);
    }
  };
  visit(program.body, new Set());
  return found;
}

function names(node: Node | undefined): string[] {
  if (!node) return [];
  if (node.type === "Identifier") return [node.value];
  if (node.type === "TupleLiteral" || node.type === "ArrayLiteral") return (node.value as Node[]).flatMap(names);
  if (node.type === "KeywordArgumentExpression") return names(node.key);
  return [];
}

function preview(source: string): string {
  const oneLine = source.replace(/\s+/g, " ").trim();
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 80)}…` : oneLine);
}
