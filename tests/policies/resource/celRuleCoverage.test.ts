/**
 * Every `x-kubernetes-validations` rule of the pinned Istio CRDs (the storage version of each kind, read from the
 * generated file the pack ships) is enforced: for each rule where it sits, a resource that breaks it is caught by
 * that rule at that field, and one that keeps it is not.
 */
import { celViolations } from "../../../policy-pack/lib/celRules";
import { celRulesOf, crdSource, crdVersions } from "../../../policy-pack/lib/istioCrds";
import { IstioKind, istioKinds } from "../../../policy-pack/lib/meshResource";
import { celRuleExamples } from "./celRuleExamples";

const rules = crdVersions()
  .filter((version) => version.storage)
  .flatMap(({ group, kind, version, schema }) => celRulesOf(schema).map((rule) => ({ group, kind, version, ...rule })));

/** `spec.servers[].tls` → the object that has `value` there, every list of one item and every map key `x`. */
function placeAt(path: string, value: unknown): Record<string, unknown> {
  const segments = path.split(".").flatMap((segment) => (segment.endsWith("[]") ? [segment.slice(0, -2), "[]"] : [segment]));
  const build = (i: number): unknown => (i === segments.length ? value : segments[i] === "[]" ? [build(i + 1)] : { [segments[i] === "*" ? "x" : segments[i]]: build(i + 1) });
  return build(0) as Record<string, unknown>;
}

const concretePath = (path: string) => path.replace(/\[\]/g, "[0]").replace(/\.\*/g, ".x");

function violationsOf(rule: (typeof rules)[number], value: unknown) {
  const props = { apiVersion: `${rule.group}/${rule.version}`, kind: rule.kind, metadata: { name: "example", namespace: "shop" }, ...placeAt(rule.path, value) };
  return celViolations(rule.kind as IstioKind, props).filter((violation) => violation.rule === rule.rule && violation.path === concretePath(rule.path));
}

describe(`the CEL rules of ${crdSource()}`, () => {
  it("are all read: about 150 rules over every Istio kind the pack knows", () => {
    expect(rules.length).toBeGreaterThanOrEqual(140);
    expect([...new Set(rules.map((rule) => rule.kind))].filter((kind) => !(kind in istioKinds))).toEqual([]);
  });

  it("each have a breaking and a keeping example", () => {
    expect([...new Set(rules.map((rule) => rule.rule))].filter((rule) => !(rule in celRuleExamples))).toEqual([]);
  });

  it.each(rules.map((rule) => [`${rule.kind} ${rule.path}: ${rule.rule.replace(/\s+/g, " ")}`, rule] as const))("%s", (_title, rule) => {
    const example = celRuleExamples[rule.rule];
    expect(violationsOf(rule, example.break)).toHaveLength(1);
    expect(violationsOf(rule, example.keep)).toEqual([]);
  });
});
