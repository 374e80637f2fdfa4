/**
 * Runs one policy the way the analyzer does — through the offline evaluator, with every other policy
 * disabled by config — and asserts on its violations. The pack handed to the evaluator is that policy alone:
 * the others would be disabled anyway, and a test file then loads only the modules its policy needs.
 */
import { EnforcementLevel, Policy } from "@pulumi/policy";
import type { OfflineResource, OfflineViolation } from "../../policy-pack/offline";
import { evaluatePolicies } from "../../policy-pack/offlineEvaluator";

export interface RunOptions {
  /** The policy's enforcement level in the pack config (default: its own default). */
  readonly level?: EnforcementLevel;
  /** The policy's config properties. */
  readonly properties?: Record<string, unknown>;
}

export async function runPolicy(policy: Policy, resources: OfflineResource[], options: RunOptions = {}): Promise<OfflineViolation[]> {
  const config = {
    all: "disabled",
    [policy.name]: { enforcementLevel: options.level ?? policy.enforcementLevel, ...options.properties },
  };
  return evaluatePolicies(resources, config, [policy]);
}

/** Runs several policies at their default levels and settings in one evaluation. */
export async function runPolicies(selected: readonly Policy[], resources: OfflineResource[]): Promise<OfflineViolation[]> {
  const config = Object.fromEntries(selected.map((policy) => [policy.name, { enforcementLevel: policy.enforcementLevel }]));
  return evaluatePolicies(resources, { all: "disabled", ...config }, [...selected]);
}

/** What a violation message must show: the resource, the field path, the value found and the value expected. */
export interface ExpectedViolation {
  readonly resource: string;
  readonly path: string;
  readonly found?: string;
  readonly expected?: string;
}

export function expectViolations(violations: OfflineViolation[], expected: ExpectedViolation[]): void {
  expect(violations).toHaveLength(expected.length);
  expected.forEach((wanted, i) => {
    const message = violations[i].message;
    expect(message).toContain(`${wanted.resource}: ${wanted.path} `);
    if (wanted.found !== undefined) {
      expect(message).toContain(`found ${wanted.found}`);
    }
    if (wanted.expected !== undefined) {
      expect(message).toContain(`expected ${wanted.expected}`);
    }
  });
}

export async function expectCompliant(policy: Policy, resources: OfflineResource[], options?: RunOptions): Promise<void> {
  expect((await runPolicy(policy, resources, options)).map((violation) => violation.message)).toEqual([]);
}

/** A deep copy of a resource with one field changed (`undefined` removes it); the path is `spec.http[0].timeout` style. */
export function withField(resource: OfflineResource, path: string, value: unknown): OfflineResource {
  const copy: OfflineResource = structuredClone(resource);
  const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let target = copy.props as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    target[key] ??= /^\d+$/.test(key) ? [] : {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) {
    delete target[last];
  } else {
    target[last] = value;
  }
  return copy;
}

/** Checks that a known-bad input is reported at whichever level the stack config sets. */
export function itReportsAtConfiguredLevels(policy: Policy, bad: () => OfflineResource[], properties?: Record<string, unknown>): void {
  it.each(["advisory", "mandatory"] as const)("reports at level %s when the config says so", async (level) => {
    const violations = await runPolicy(policy, bad(), { level, properties });
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((violation) => violation.enforcementLevel === level && violation.policyName === policy.name)).toBe(true);
  });
  it("reports nothing when disabled", async () => {
    expect(await runPolicy(policy, bad(), { level: "disabled", properties })).toEqual([]);
  });
}

/** The resources with one field of one resource (`kind`, engine name `namespace-name`) changed. */
export function withResourceField(resources: OfflineResource[], kind: string, name: string, path: string, value: unknown): OfflineResource[] {
  const index = resources.findIndex((resource) => resource.type.endsWith(`:${kind}`) && resource.name === name);
  if (index < 0) {
    throw new Error(`no ${kind} ${name} among the test resources`);
  }
  return resources.map((resource, i) => (i === index ? withField(resource, path, value) : resource));
}
