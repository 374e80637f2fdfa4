import * as path from "path";
import type { OfflineResource as PolicyResource, OfflineViolation as PolicyViolation } from "../../policy-pack/offline";
import type { Registration } from "./mockEngine";
import { providerLookup } from "./providerLookup";

/** The pack's contract, as types only: the pack itself is loaded lazily, and only when the gate runs. */
export type { PolicyResource, PolicyViolation };

interface OfflinePolicyPack {
  loadPolicyConfig(stack: string): Record<string, unknown>;
  evaluatePolicies(resources: PolicyResource[], config: Record<string, unknown>): Promise<PolicyViolation[]>;
}

/** The policy config of a stack is missing or invalid: a usage problem, reported before anything is rendered. */
export class PolicyConfigError extends Error {
  constructor(stack: string, cause: unknown) {
    super(`policy config for stack "${stack}": ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "PolicyConfigError";
  }
}

/** Loads the pack on demand, so a render without the gate never pays for it. */
function loadPolicyPack(): OfflinePolicyPack {
  const packDir = path.dirname(require.resolve("istio-mesh-policies/package.json"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(packDir, "offline")) as OfflinePolicyPack;
}

/** Every registration, as the engine hands them to the analyzer: components, providers and the stack included. */
export function toPolicyResources(registrations: readonly Registration[]): PolicyResource[] {
  const providerOf = providerLookup(registrations);
  return registrations.map((registration) => {
    const provider = providerOf(registration);
    return {
      type: registration.type,
      name: registration.name,
      urn: registration.urn,
      props: registration.inputs,
      parent: registration.parent,
      dependencies: [...registration.dependsOn],
      provider: provider && { type: provider.type, urn: provider.urn, name: provider.name, props: provider.inputs },
      protect: registration.protect,
    };
  });
}

export type PolicyGate = (registrations: readonly Registration[]) => Promise<PolicyViolation[]>;

/**
 * The pack with `policy-pack/config/<stack>.json`, checked up front: evaluating no resources makes the pack
 * reconcile the config with every policy's schema, so a bad config stops the render before the program runs.
 */
export async function loadPolicyGate(stack: string): Promise<PolicyGate> {
  const pack = loadPolicyPack();
  let config: Record<string, unknown>;
  try {
    config = pack.loadPolicyConfig(stack);
    await pack.evaluatePolicies([], config);
  } catch (error) {
    throw new PolicyConfigError(stack, error);
  }
  return (registrations) => pack.evaluatePolicies(toPolicyResources(registrations), config);
}

function describeTarget(violation: PolicyViolation): string {
  if (violation.resourceType !== undefined && violation.resourceName !== undefined) return `${violation.resourceType} ${violation.resourceName}`;
  return violation.urn ?? "the stack";
}

/** Each violation: resource, policy, level, the message and, from the policy's description, how to fix it. */
export function formatViolations(violations: readonly PolicyViolation[]): string {
  if (violations.length === 0) return "Policies: no violations\n";
  const lines = violations.flatMap((violation) => {
    const detail = violation.message.startsWith(`${violation.description}\n`) ? violation.message.slice(violation.description.length + 1) : violation.message;
    return [
      `    [${violation.enforcementLevel}]  ${violation.policyName}  (${describeTarget(violation)})`,
      ...detail.split("\n").map((line) => `        ${line}`),
      `        how to fix: ${violation.description}`,
      "",
    ];
  });
  const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory").length;
  return [`Policy violations: ${mandatory} mandatory, ${violations.length - mandatory} advisory`, ...lines].join("\n");
}
