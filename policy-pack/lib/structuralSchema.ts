/**
 * Validation of a custom resource against its CRD's structural schema, in the API server's order: fields the
 * schema does not declare are reported (the server prunes them silently), defaults are applied, then the OpenAPI
 * constraints and the CEL rules (`x-kubernetes-validations`) are checked on the defaulted object.
 */
import type { RE2JS } from "@bufbuild/re2";
import { isIP } from "net";
import { evaluateCelRule, isTransitionRule, toCelValue } from "./kubernetesCel";

/** A rule as the CRD states it. */
export interface CelRule {
  readonly rule: string;
  readonly message?: string;
  /** Where the API server reports the failure, relative to the rule's node (`.spec.x`). */
  readonly fieldPath?: string;
}

export interface SchemaNode {
  readonly type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly maxProperties?: number;
  readonly default?: unknown;
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly not?: SchemaNode;
  readonly "x-kubernetes-validations"?: readonly CelRule[];
  readonly "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  readonly "x-kubernetes-list-map-keys"?: readonly string[];
  readonly "x-kubernetes-preserve-unknown-fields"?: boolean;
}

export interface SchemaProblem {
  /** `spec.listeners[0].hostname` */
  readonly path: string;
  readonly value: unknown;
  readonly problem: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const childPath = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`);

const patterns = new Map<string, RE2JS>();
function matchesPattern(pattern: string, text: string): boolean {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    // Loaded with the first pattern, like CEL: most objects never reach one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    compiled = (require("@bufbuild/re2") as typeof import("@bufbuild/re2")).RE2JS.compile(pattern);
    patterns.set(pattern, compiled);
  }
  return compiled.test(text);
}

/** A deep copy with the schema's defaults filled in, as the API server stores the object. */
export function withDefaults(value: unknown, schema: SchemaNode | undefined): unknown {
  if (schema === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => withDefaults(item, schema.items));
  if (!isObject(value)) return value;
  const result: Json = {};
  for (const [key, inner] of Object.entries(value)) result[key] = withDefaults(inner, schema.properties?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined));
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (result[key] === undefined && property.default !== undefined) result[key] = withDefaults(structuredClone(property.default), property);
  }
  return result;
}

function typeProblem(value: unknown, type: SchemaNode["type"]): string | undefined {
  const fits =
    type === undefined ||
    (type === "object" && isObject(value)) ||
    (type === "array" && Array.isArray(value)) ||
    (type === "string" && typeof value === "string") ||
    (type === "integer" && typeof value === "number" && Number.isInteger(value)) ||
    (type === "number" && typeof value === "number") ||
    (type === "boolean" && typeof value === "boolean");
  return fits ? undefined : `must be of type ${type}`;
}

function formatProblem(value: string, format: string | undefined): string | undefined {
  if (format === "ipv4" && isIP(value) !== 4) return "must be an IPv4 address";
  if (format === "ipv6" && isIP(value) !== 6) return "must be an IPv6 address";
  return undefined;
}

function scalarProblems(value: unknown, schema: SchemaNode): string[] {
  const problems: string[] = [];
  if (schema.enum !== undefined && !schema.enum.includes(value)) problems.push(`must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(", ")}`);
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) problems.push(`must be at least ${schema.minLength} characters long`);
    if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(`must be at most ${schema.maxLength} characters long`);
    if (schema.pattern !== undefined && !matchesPattern(schema.pattern, value)) problems.push(`must match ${schema.pattern}`);
    const format = formatProblem(value, schema.format);
    if (format) problems.push(format);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`must be at most ${schema.maximum}`);
  }
  return problems;
}

/** Items of a `set` or `map` list must be unique (by value, or by the map keys). */
function listProblems(items: readonly unknown[], schema: SchemaNode): string[] {
  const problems: string[] = [];
  if (schema.minItems !== undefined && items.length < schema.minItems) problems.push(`must have at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined && items.length > schema.maxItems) problems.push(`must have at most ${schema.maxItems} items`);
  const listType = schema["x-kubernetes-list-type"];
  if (listType === "set" || listType === "map") {
    const keyOf = (item: unknown) => JSON.stringify(listType === "map" && isObject(item) ? (schema["x-kubernetes-list-map-keys"] ?? []).map((key) => item[key]) : item);
    const keys = items.map(keyOf);
    const duplicates = [...new Set(keys.filter((key, i) => keys.indexOf(key) !== i))];
    if (duplicates.length > 0) problems.push(`must not repeat ${listType === "map" ? `the keys ${JSON.stringify(schema["x-kubernetes-list-map-keys"])}` : "a value"}: ${duplicates.join(", ")} repeated`);
  }
  return problems;
}

class Validator {
  readonly problems: SchemaProblem[] = [];

  constructor(private readonly checkUnknownFields: boolean) {}

  private report(path: string, value: unknown, problem: string): void {
    this.problems.push({ path: path === "" ? "(resource)" : path, value, problem });
  }

  /** Whether a value fits a `oneOf`/`anyOf`/`not` branch (no defaults, no unknown-field reports). */
  private static fits(value: unknown, schema: SchemaNode): boolean {
    const probe = new Validator(false);
    probe.validate(value, schema, "");
    return probe.problems.length === 0;
  }

  validate(value: unknown, schema: SchemaNode, path: string): void {
    const typeError = typeProblem(value, schema.type);
    if (typeError) {
      this.report(path, value, typeError);
      return;
    }
    for (const problem of scalarProblems(value, schema)) this.report(path, value, problem);
    if (schema.oneOf && schema.oneOf.filter((branch) => Validator.fits(value, branch)).length !== 1) this.report(path, value, "must match exactly one of the schema's alternatives");
    if (schema.anyOf && !schema.anyOf.some((branch) => Validator.fits(value, branch))) this.report(path, value, "must match one of the schema's alternatives");
    if (schema.not && Validator.fits(value, schema.not)) this.report(path, value, "must not match the excluded alternative");
    if (Array.isArray(value)) {
      for (const problem of listProblems(value, schema)) this.report(path, value.length, problem);
      value.forEach((item, i) => schema.items && this.validate(item, schema.items, childPath(path, i)));
    } else if (isObject(value)) {
      this.validateObject(value, schema, path);
    }
    const rules = (schema["x-kubernetes-validations"] ?? []).filter((rule) => !isTransitionRule(rule.rule));
    // Converted once for all the node's rules: CEL reads the value and never changes it.
    const self = rules.length > 0 ? toCelValue(value, schema) : undefined;
    for (const rule of rules) {
      const outcome = evaluateCelRule(rule.rule, self);
      if (outcome !== true) {
        const failure = outcome === "the rule is false" ? (rule.message ?? `failed rule: ${rule.rule}`) : `${rule.message ?? rule.rule} (${outcome})`;
        const fieldPath = rule.fieldPath === undefined ? path : `${path}${rule.fieldPath}`.replace(/^\./, "");
        this.report(fieldPath, value, failure);
      }
    }
  }

  private validateObject(value: Json, schema: SchemaNode, path: string): void {
    for (const key of schema.required ?? []) if (value[key] === undefined) this.report(childPath(path, key), undefined, "is required");
    if (schema.maxProperties !== undefined && Object.keys(value).length > schema.maxProperties) this.report(path, Object.keys(value).length, `must have at most ${schema.maxProperties} entries`);
    const additional = schema.additionalProperties;
    for (const [key, inner] of Object.entries(value)) {
      const property = schema.properties?.[key] ?? (typeof additional === "object" ? additional : undefined);
      if (path === "" && key === "metadata") continue;
      if (property !== undefined) this.validate(inner, property, childPath(path, key));
      else if (this.checkUnknownFields && !schema["x-kubernetes-preserve-unknown-fields"] && additional !== true) {
        this.report(childPath(path, key), inner, "is not a field of this schema (the API server drops it)");
      }
    }
  }
}

/** Every problem of a whole object (`apiVersion`, `kind`, `metadata`, `spec`) under its version's schema, defaults applied first. */
export function structuralProblems(object: Json, schema: SchemaNode): SchemaProblem[] {
  const validator = new Validator(true);
  validator.validate(withDefaults(object, schema), schema, "");
  return validator.problems;
}
