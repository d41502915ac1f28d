/**
 * Compile-time checking of `connect("a.out", "b.in")`: where the components' types are known, the receiver must be
 * a socket that accepts the sender's values (directly, or through a conversion the runtime applies), and the
 * compiler lists the sockets that fit. Pipelines whose components are not known statically (built step by step, or
 * loaded from a file) accept any string and are checked when connected.
 * @module
 */
import type { AnyComponent } from "../component/component.js";
import type { ChatMessage } from "../data/chat-message.js";
import type { AcceptedValue, ValueOf } from "../types/socket-type.js";

/** Components of a pipeline by name. */
export type ComponentMap = Record<string, AnyComponent>;

type Outputs<K> = K extends { outputs: infer O } ? O : never;
type Inputs<K> = K extends { inputs: infer I } ? I : never;
type Names<C> = keyof C & string;
type Unknown<C> = [Names<C>] extends [never] ? true : string extends keyof C ? true : false;

/** `"name"` or `"name.output"` for any component of the pipeline. */
export type SenderAddress<C extends ComponentMap> =
  Unknown<C> extends true ? string : { [N in Names<C>]: N | `${N}.${keyof Outputs<C[N]> & string}` }[Names<C>];

type SentValue<C extends ComponentMap, S> = S extends `${infer N}.${infer O}`
  ? N extends keyof C
    ? O extends keyof Outputs<C[N]>
      ? ValueOf<Outputs<C[N]>[O]>
      : unknown
    : unknown
  : unknown;

type IsAny<T> = 0 extends 1 & T ? true : false;

/** True when a sender's value can reach a receiver, as is or through a runtime conversion. */
export type Connectable<S, R> =
  IsAny<S> extends true
    ? true
    : IsAny<R> extends true
      ? true
      : unknown extends S
        ? true
        : unknown extends R
          ? true
          : [S] extends [R]
            ? true
            : [R] extends [ReadonlyArray<infer Item>]
              ? [S] extends [Item]
                ? true
                : [S] extends [ChatMessage]
                  ? [string] extends [Item]
                    ? true
                    : false
                  : [S] extends [string]
                    ? [ChatMessage] extends [Item]
                      ? true
                      : false
                    : false
              : [S] extends [ReadonlyArray<infer Item>]
                ? [Item] extends [string | ChatMessage]
                  ? [Item] extends [R]
                    ? true
                    : [Item] extends [ChatMessage]
                      ? [string] extends [R]
                        ? true
                        : false
                      : [ChatMessage] extends [R]
                        ? true
                        : false
                  : false
                : [S] extends [ChatMessage]
                  ? [string] extends [R]
                    ? true
                    : false
                  : [S] extends [string]
                    ? [ChatMessage] extends [R]
                      ? true
                      : false
                    : false;

/** The receivers a sender can connect to: every component name, and every input socket that accepts its values. */
export type ReceiverAddress<C extends ComponentMap, S> =
  Unknown<C> extends true
    ? string
    : {
        [N in Names<C>]:
          | N
          | {
              [I in keyof Inputs<C[N]> & string]: Connectable<
                SentValue<C, S>,
                AcceptedValue<Inputs<C[N]>[I]>
              > extends true
                ? `${N}.${I}`
                : never;
            }[keyof Inputs<C[N]> & string];
      }[Names<C>];

/** Every receiver address, whatever its type: what editors offer after `connect("a.out", `. */
export type AnyReceiverAddress<C extends ComponentMap> =
  Unknown<C> extends true ? string : { [N in Names<C>]: N | `${N}.${keyof Inputs<C[N]> & string}` }[Names<C>];

/** A readable name of a value type, for compile-time error messages. */
export type TypeName<T> =
  IsAny<T> extends true
    ? "any"
    : unknown extends T
      ? "unknown"
      : [T] extends [string]
        ? "string"
        : [T] extends [number]
          ? "number"
          : [T] extends [boolean]
            ? "boolean"
            : [T] extends [null]
              ? "null"
              : [T] extends [ChatMessage]
                ? "ChatMessage"
                : [T] extends [ReadonlyArray<infer Item>]
                  ? `list<${TypeName<Item>}>`
                  : "object";

/**
 * The receiver as given when its socket accepts the sender's values; otherwise a message naming both types, which the
 * compiler shows as the parameter type it expected: `"✗ text.text sends string, but add.value takes number"`.
 */
export type CheckedReceiver<C extends ComponentMap, S, R extends string> =
  Unknown<C> extends true
    ? R
    : R extends `${infer N}.${infer I}`
      ? N extends Names<C>
        ? I extends keyof Inputs<C[N]>
          ? Connectable<SentValue<C, S>, AcceptedValue<Inputs<C[N]>[I]>> extends true
            ? R
            : `✗ ${S & string} sends ${TypeName<SentValue<C, S>>}, but ${R} takes ${TypeName<AcceptedValue<Inputs<C[N]>[I]>>}`
          : R
        : R
      : R;

/** The outputs a run returns, typed per component. */
export type PipelineResult<C extends ComponentMap> =
  Unknown<C> extends true
    ? Record<string, Record<string, unknown>>
    : { [N in Names<C>]?: { [O in keyof Outputs<C[N]>]?: ValueOf<Outputs<C[N]>[O]> } };

/** Inputs of a run, per component. */
export type PipelineInputs<C extends ComponentMap> =
  Unknown<C> extends true
    ? Record<string, unknown>
    : { [N in Names<C>]?: { [I in keyof Inputs<C[N]>]?: unknown } } | Record<string, unknown>;
