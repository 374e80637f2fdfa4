import * as fs from "fs";
import * as path from "path";
import { nearest } from "../../settings/nearest";
import type { OfflineResource as PolicyResource, OfflineViolation as PolicyViolation } from "../../policy-pack/offline";
import { displayPath } from "./configFile";
import type { ConfigKeyLookup } from "./configProvenance";
import { findingPaths } from "./configProvenance";
import type { Registration } from "./mockEngine";
import { providerLookup } from "./providerLookup";

/** The pack's contract, as types only: the pack itself is loaded lazily, and only when the gate runs. */
export type { PolicyResource, PolicyViolation };

interface OfflinePolicyPack {
  readonly policyNames: readonly string[];
  policyConfigFile(stack: string): string;
  loadPolicyConfig(stack: string): Record<string, unknown>;
  evaluatePolicies(resources: PolicyResource[], config: Record<string, unknown>): Promise<PolicyViolation[]>;
}

/** The policy config of a stack is missing or invalid: a usage problem, reported before anything is rendered. */
export class PolicyConfigError extends Error {
  constructor(message: string) {
    super(message);
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

/** A new stack has no policy config yet: say once how to make one, or how to render without the gate. */
function missingConfigError(stack: string, file: string, copyFrom: string | undefined): PolicyConfigError {
  const copy = copyFrom === undefined ? "" : ` as a copy of ${displayPath(copyFrom)} (cp ${displayPath(copyFrom)} ${displayPath(file)}), then adjust it`;
  return new PolicyConfigError(`no policy config for stack "${stack}": create ${displayPath(file)}${copy}, or render without the policy gate (--no-policy)`);
}

/** Entries of the config that name no policy: a typo there would leave that policy at its default, silently. */
function unknownPolicyProblems(file: string, config: Record<string, unknown>, policyNames: readonly string[]): string[] {
  return Object.keys(config)
    .filter((name) => name !== "all" && !policyNames.includes(name))
    .map((name) => `${displayPath(file)}: ${JSON.stringify(name)} is no policy of this pack (did you mean ${nearest(name, policyNames, Infinity)}?)`);
}

/**
 * The pack with `policy-pack/config/<stack>.json`, checked up front: every name must be a policy's, and evaluating
 * no resources makes the pack reconcile the config with every policy's schema, so a bad config stops the render
 * before the program runs. `environment` names the profile whose config a new stack would copy.
 */
export async function loadPolicyGate(stack: string, environment?: string): Promise<PolicyGate> {
  const pack = loadPolicyPack();
  const file = pack.policyConfigFile(stack);
  if (!fs.existsSync(file)) {
    const template = environment === undefined ? undefined : pack.policyConfigFile(environment);
    throw missingConfigError(stack, file, template !== undefined && fs.existsSync(template) ? template : undefined);
  }
  let config: Record<string, unknown>;
  try {
    config = pack.loadPolicyConfig(stack);
  } catch (error) {
    throw new PolicyConfigError(`${displayPath(file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const unknown = unknownPolicyProblems(file, config, pack.policyNames);
  if (unknown.length > 0) throw new PolicyConfigError(unknown.join("\n"));
  try {
    await pack.evaluatePolicies([], config);
  } catch (error) {
    throw new PolicyConfigError(`${displayPath(file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return async (registrations) => mandatoryFirst(await pack.evaluatePolicies(toPolicyResources(registrations), config));
}

/** Mandatory findings first (what blocks `pulumi up`), each group in the pack's order. */
function mandatoryFirst<T extends { enforcementLevel: string }>(violations: readonly T[]): T[] {
  return [...violations.filter((violation) => violation.enforcementLevel === "mandatory"), ...violations.filter((violation) => violation.enforcementLevel !== "mandatory")];
}

/** A violation as the render reports it: with the stack config keys behind the fields it names, where there are any. */
export type RenderedViolation = PolicyViolation & { readonly configKeys?: readonly string[] };

/** Adds to each violation the stack config keys that set the fields its findings name. */
export function withConfigKeys(violations: readonly PolicyViolation[], lookup: ConfigKeyLookup): RenderedViolation[] {
  return violations.map((violation) => {
    const keys = [...new Set(findingPaths(violation.message).flatMap((fieldPath) => lookup(violation.urn, fieldPath) ?? []))];
    return keys.length === 0 ? violation : { ...violation, configKeys: keys };
  });
}

function describeTarget(violation: PolicyViolation): string {
  if (violation.resourceType !== undefined && violation.resourceName !== undefined) return `${violation.resourceType} ${violation.resourceName}`;
  return violation.urn ?? "the stack";
}

/**
 * Each violation, mandatory ones first: resource, policy, level, the message, the stack config key to change where
 * the program set the field from one, and, from the policy's description, how to fix it.
 */
export function formatViolations(unordered: readonly RenderedViolation[]): string {
  const violations = mandatoryFirst(unordered);
  if (violations.length === 0) return "Policies: no violations\n";
  const lines = violations.flatMap((violation) => {
    const detail = violation.message.startsWith(`${violation.description}\n`) ? violation.message.slice(violation.description.length + 1) : violation.message;
    return [
      `    [${violation.enforcementLevel}]  ${violation.policyName}  (${describeTarget(violation)})`,
      ...detail.split("\n").map((line) => `        ${line}`),
      ...(violation.configKeys ?? []).map((key) => `        stack config key: istio-mesh:${key}`),
      `        how to fix: ${violation.description}`,
      "",
    ];
  });
  const mandatory = violations.filter((violation) => violation.enforcementLevel === "mandatory").length;
  return [`Policy violations: ${mandatory} mandatory, ${violations.length - mandatory} advisory`, ...lines].join("\n");
}
