/**
 * CRD validation rules (`x-kubernetes-validations`) evaluated the way the Kubernetes API server evaluates them:
 * @bufbuild/cel with the standard library, its strings extension and the Kubernetes functions the pinned CRDs use
 * (`isIP`, `url()`, `isURL()`, `getScheme()`); `self` is the value at the rule's node, converted under its schema.
 * Both the Istio CRDs and the Gateway API CRDs are checked through this one environment.
 */
import { isIP as nodeIsIp } from "net";
import type * as Cel from "@bufbuild/cel";

/**
 * Go's `url.ParseRequestURI`, which Kubernetes' `url()` and `isURL()` use: an absolute path, or an absolute URI
 * (`scheme:` then the rest) without spaces or control characters and with a numeric port. Returns the scheme, or
 * undefined when the string is not one.
 */
export function requestUriScheme(text: string): string | undefined {
  if (/\s/.test(text) || [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return undefined;
  if (text.startsWith("/")) return "";
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(text);
  if (!match) return undefined;
  const authority = match[2].startsWith("//") ? match[2].slice(2).split(/[/?#]/)[0] : undefined;
  if (authority !== undefined) {
    const host = authority.slice(authority.lastIndexOf("@") + 1);
    const port = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host.slice(host.indexOf(":") < 0 ? host.length : host.indexOf(":"));
    if (port !== "" && !/^:\d*$/.test(port)) return undefined;
  }
  return match[1].toLowerCase();
}

interface CelRuntime {
  readonly cel: typeof Cel;
  readonly environment: ReturnType<typeof Cel.celEnv>;
}

let runtime: CelRuntime | undefined;

/**
 * @bufbuild/cel and the environment, loaded on the first rule evaluated: a stack or a test that never reaches a
 * rule does not pay for CEL and protobuf.
 */
function celRuntime(): CelRuntime {
  if (runtime === undefined) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const cel = require("@bufbuild/cel") as typeof Cel;
    const { strings } = require("@bufbuild/cel/ext") as typeof import("@bufbuild/cel/ext");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const { celFunc, celMethod, CelScalar } = cel;
    const kubernetesFunctions = [
      // Kubernetes' `isIP`: an IPv4 or IPv6 address without a zone.
      celFunc("isIP", [CelScalar.STRING], CelScalar.BOOL, (text: string) => !text.includes("%") && nodeIsIp(text) !== 0),
      celFunc("isURL", [CelScalar.STRING], CelScalar.BOOL, (text: string) => requestUriScheme(text) !== undefined),
      // A URL is represented by its text; `url()` fails on anything `isURL()` refuses, as in Kubernetes.
      celFunc("url", [CelScalar.STRING], CelScalar.STRING, (text: string) => {
        if (requestUriScheme(text) === undefined) throw new Error(`URL parse error during conversion from string: ${text}`);
        return text;
      }),
      celMethod("getScheme", CelScalar.STRING, [], CelScalar.STRING, function (this: string) {
        return requestUriScheme(this) ?? "";
      }),
    ];
    runtime = { cel, environment: cel.celEnv({ funcs: [...strings, ...kubernetesFunctions] }) };
  }
  return runtime;
}

type Program = (bindings: { self: unknown }) => unknown;
const programs = new Map<string, Program | Error>();

function compile(rule: string): Program | Error {
  let program = programs.get(rule);
  if (program === undefined) {
    const { cel, environment } = celRuntime();
    try {
      program = cel.plan(environment, cel.parse(rule)) as unknown as Program;
    } catch (error) {
      program = error instanceof Error ? error : new Error(String(error));
    }
    programs.set(rule, program);
  }
  return program;
}

/** The part of a structural schema that decides how a value looks to CEL. */
export interface CelSchema {
  readonly type?: unknown;
  readonly properties?: unknown;
  readonly additionalProperties?: unknown;
  readonly items?: unknown;
  readonly "x-kubernetes-int-or-string"?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A value as CEL sees it under its schema: objects and maps as Map (so `has()` tests a key), integers as int
 * (bigint) where the schema says integer or int-or-string or says nothing, null fields absent (the API server
 * prunes them).
 */
export function toCelValue(value: unknown, schema: CelSchema | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => toCelValue(item, schema?.items as CelSchema | undefined));
  if (isObject(value)) {
    const properties = (schema?.properties ?? {}) as Record<string, CelSchema>;
    const additional = isObject(schema?.additionalProperties) ? (schema.additionalProperties as CelSchema) : undefined;
    return new Map(
      Object.entries(value)
        .filter(([, child]) => child !== undefined && child !== null)
        .map(([key, child]) => [key, toCelValue(child, properties[key] ?? additional)]),
    );
  }
  const integral = schema === undefined || schema.type === "integer" || schema["x-kubernetes-int-or-string"] === true;
  return typeof value === "number" && Number.isInteger(value) && integral ? BigInt(value) : value;
}

/** Whether the rule compares against the stored object, which only an update has. */
export function isTransitionRule(rule: string): boolean {
  return /\boldSelf\b/.test(rule);
}

/** Evaluates one rule with `self` bound to a value converted by `toCelValue`: true, or why it fails. */
export function evaluateCelRule(rule: string, self: unknown): true | string {
  const program = compile(rule);
  if (program instanceof Error) return `the rule does not compile: ${program.message}`;
  const result = program({ self });
  if (celRuntime().cel.isCelError(result)) return `the rule fails to evaluate: ${result.message}`;
  return result === true ? true : "the rule is false";
}
