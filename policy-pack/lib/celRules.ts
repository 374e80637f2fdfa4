/**
 * Every `x-kubernetes-validations` (CEL) rule of Istio's CRDs, evaluated as the Kubernetes API server evaluates
 * them: with @bufbuild/cel, the `strings` extension and Kubernetes' URL functions (`url()`, `isURL()`,
 * `getScheme()`), on the value at the rule's place in the resource (objects and maps as CEL maps, schema integers
 * as CEL ints). A rule that evaluates to false, or fails to evaluate (e.g. `duration()` of a malformed duration),
 * rejects the resource, as it does at the API server.
 */
import { celEnv, celFunc, celMethod, CelScalar, isCelError, parse, plan } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";
import { crdSchema, Schema } from "./istioCrds";
import { Finding } from "./messages";
import { IstioKind, istioKinds } from "./meshResource";
import { isRecord } from "./values";

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

const kubernetesUrls = [
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

const env = celEnv({ funcs: [...strings, ...kubernetesUrls] });
type Program = (bindings: Record<string, unknown>) => unknown;
const programs = new Map<string, Program>();

function program(rule: string): Program {
  let compiled = programs.get(rule);
  if (!compiled) {
    compiled = plan(env, parse(rule)) as unknown as Program;
    programs.set(rule, compiled);
  }
  return compiled;
}

/** The value as CEL sees it under its schema: objects and maps as Map, integers as int (bigint). */
export function toCel(value: unknown, schema: Schema | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => toCel(item, schema?.items as Schema | undefined));
  if (isRecord(value)) {
    const properties = (schema?.properties as Record<string, Schema> | undefined) ?? {};
    const additional = typeof schema?.additionalProperties === "object" ? (schema.additionalProperties as Schema) : undefined;
    return new Map(Object.entries(value).filter(([, child]) => child !== undefined && child !== null).map(([key, child]) => [key, toCel(child, properties[key] ?? additional)]));
  }
  if (typeof value === "number" && Number.isInteger(value) && (schema === undefined || schema.type === "integer" || schema["x-kubernetes-int-or-string"] === true)) {
    return BigInt(value);
  }
  return value;
}

/** Evaluates one rule with `self` bound to a (converted) value: true, false, or the evaluation error's message. */
export function evaluateRule(rule: string, self: unknown): true | string {
  const result = program(rule)({ self });
  if (isCelError(result)) return `the rule fails to evaluate: ${result.message}`;
  return result === true ? true : "the rule is false";
}

export interface CelViolation extends Finding {
  readonly rule: string;
}

/** Walks a value along its schema and evaluates every rule on the way; findings name the field path and the rule. */
function walk(value: unknown, schema: Schema, path: string, findings: CelViolation[]): void {
  const rules = (schema["x-kubernetes-validations"] as Array<{ rule: string; message?: string }> | undefined) ?? [];
  if (rules.length > 0) {
    const self = toCel(value, schema);
    for (const { rule, message } of rules) {
      const outcome = evaluateRule(rule, self);
      if (outcome !== true) {
        findings.push({
          path: path || "(resource)",
          found: value,
          expected: `a value that satisfies ${message ? `"${message}"` : "the CRD's rule"} (${rule.replace(/\s+/g, " ")}: ${outcome})`,
          fix: "The Kubernetes API server rejects this resource; correct the field.",
          rule,
        });
      }
    }
  }
  if (Array.isArray(value)) {
    const items = schema.items as Schema | undefined;
    if (items) value.forEach((item, i) => walk(item, items, `${path}[${i}]`, findings));
    return;
  }
  if (!isRecord(value)) return;
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const additional = typeof schema.additionalProperties === "object" ? (schema.additionalProperties as Schema) : undefined;
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined || child === null) continue;
    const childSchema = properties[key] ?? additional;
    if (childSchema) walk(child, childSchema, properties[key] ? (path === "" ? key : `${path}.${key}`) : `${path}.${key}`, findings);
  }
}

/** Every CEL rule violation in an Istio resource, against the schema of its apiVersion (the storage version otherwise). */
export function celViolations(kind: IstioKind, props: Record<string, unknown>): CelViolation[] {
  const apiVersion = typeof props.apiVersion === "string" ? props.apiVersion : "";
  const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : undefined;
  const crd = crdSchema(istioKinds[kind].group, kind, version);
  if (crd === undefined) return [];
  const findings: CelViolation[] = [];
  walk({ spec: props.spec }, crd.schema, "", findings);
  return findings;
}
