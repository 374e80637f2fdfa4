/**
 * Every `x-kubernetes-validations` (CEL) rule of Istio's CRDs (lib/kubernetesCel.ts evaluates them as the API
 * server does), on the value at the rule's place in the resource. A rule that evaluates to false, or fails to
 * evaluate (e.g. `duration()` of a malformed duration), rejects the resource, as it does at the API server.
 */
import { crdSchema, Schema } from "./istioCrds";
import { evaluateCelRule, toCelValue } from "./kubernetesCel";
import { Finding } from "./messages";
import { IstioKind, istioKinds } from "./meshResource";
import { isRecord } from "./values";

export interface CelViolation extends Finding {
  readonly rule: string;
}

const rulesBelow = new WeakMap<Schema, boolean>();

/** Whether the schema or any schema under it carries a rule: a value under a schema without any needs no walk. */
function hasRules(schema: Schema): boolean {
  let found = rulesBelow.get(schema);
  if (found === undefined) {
    const children = [schema.items, schema.additionalProperties, ...Object.values((schema.properties as Record<string, unknown> | undefined) ?? {})];
    found = ((schema["x-kubernetes-validations"] as unknown[] | undefined)?.length ?? 0) > 0 || children.some((child) => typeof child === "object" && child !== null && hasRules(child as Schema));
    rulesBelow.set(schema, found);
  }
  return found;
}

/** Walks a value along its schema and evaluates every rule on the way; findings name the field path and the rule. */
function walk(value: unknown, schema: Schema, path: string, findings: CelViolation[]): void {
  if (!hasRules(schema)) return;
  const rules = (schema["x-kubernetes-validations"] as Array<{ rule: string; message?: string }> | undefined) ?? [];
  if (rules.length > 0) {
    const self = toCelValue(value, schema);
    for (const { rule, message } of rules) {
      const outcome = evaluateCelRule(rule, self);
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
