/**
 * The pack's policies run outside the Pulumi engine, the way the analyzer in @pulumi/policy/server.js runs them:
 * resource policies once per resource, stack policies once with parents and dependencies resolved, enforcement
 * levels and config as the CLI reconciles them. It loads no policy itself: offline.ts hands it the pack, and a
 * test of one policy hands it that policy alone.
 */
import {
  EnforcementLevel,
  Policies,
  Policy,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type * as policySdk from "@pulumi/policy";

// The proxy module alone: the package index also loads the gRPC server and @pulumi/pulumi (seconds per process).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy") as Pick<typeof policySdk, "unknownCheckingProxy" | "UnknownValueError">;
import { appliesToType, type TypeFilteredPolicy } from "./lib/definePolicy";
import { isRecord } from "./lib/values";
import type { OfflineResource, OfflineViolation } from "./offline";
import { reconcilePolicyConfig, ReconciledPolicyConfig } from "./offlineConfig";
import { packEnforcementLevel, policyPackName, policyPackVersion } from "./packIdentity";

const secretSignatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Secrets reach policies unwrapped, as the analyzer's deserializer delivers them. Arrays and objects are rebuilt
 * in this realm: the unknown-checking proxy only wraps values that are `instanceof Object` here.
 */
function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(unwrapSecrets(item));
    return items;
  }
  if (!isRecord(value)) {
    return value;
  }
  if (value[secretSignatureKey] === secretSignature) {
    return unwrapSecrets(value.value);
  }
  const object: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child === undefined) continue;
    // An own property even for `__proto__`, as Object.fromEntries would make it.
    if (key === "__proto__") Object.defineProperty(object, key, { value: unwrapSecrets(child), enumerable: true, writable: true, configurable: true });
    else object[key] = unwrapSecrets(child);
  }
  return object;
}

/** A resource's props as policies see them (secrets unwrapped, unknowns checked), built when first asked for. */
function policyProps(resource: OfflineResource): () => Record<string, unknown> {
  let props: Record<string, unknown> | undefined;
  return () => (props ??= unknownCheckingProxy(unwrapSecrets(resource.props) as Record<string, unknown>));
}

class NotApplicableError extends Error {}
const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason ?? "Policy does not apply");
};

function isResourcePolicy(policy: Policy): policy is ResourceValidationPolicy {
  return "validateResource" in policy && policy.validateResource !== undefined;
}

function isStackPolicy(policy: Policy): policy is StackValidationPolicy {
  return "validateStack" in policy && policy.validateStack !== undefined;
}

/** The type token an SDK class (or a typed validation function) carries. */
function pulumiTypeOf(value: unknown): string | undefined {
  return (value as { __pulumiType?: string } | undefined)?.__pulumiType;
}

/** The analyzer's isTypeOf: compare type tokens, else ask the class's isInstance. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
  const pulumiType = pulumiTypeOf(resourceClass);
  if (pulumiType) {
    return type === pulumiType;
  }
  const isInstance = (resourceClass as { isInstance?: (object: unknown) => boolean }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

type ActiveLevel = "advisory" | "mandatory";

function effectiveLevel(policy: Policy, reconciled: ReconciledPolicyConfig | undefined): EnforcementLevel {
  const level = reconciled?.enforcementLevel || policy.enforcementLevel || packEnforcementLevel;
  return level === "remediate" ? "mandatory" : level;
}

function optionsOf(resource: OfflineResource): PolicyResourceOptions {
  return {
    protect: resource.protect ?? false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    parent: resource.parent,
  };
}

function providerOf(resource: OfflineResource): PolicyProviderResource | undefined {
  return resource.provider && { ...resource.provider, props: unknownCheckingProxy(resource.provider.props) };
}

class ViolationCollector {
  readonly violations: OfflineViolation[] = [];
  private readonly resourcesByUrn: Map<string, OfflineResource>;

  constructor(resources: OfflineResource[]) {
    this.resourcesByUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  }

  push(policy: Policy, enforcementLevel: ActiveLevel, message: string, urn: string | undefined): void {
    const resource = urn === undefined ? undefined : this.resourcesByUrn.get(urn);
    this.violations.push({
      policyName: policy.name,
      enforcementLevel,
      message,
      description: policy.description,
      urn,
      resourceName: resource?.name,
      resourceType: resource?.type,
    });
  }

  /** The analyzer's reportViolation: the description, then the policy's message on the next line. */
  reporter(policy: Policy, level: ActiveLevel, resourceUrn?: string): ReportViolation {
    return (message?: string, urn?: string) =>
      this.push(policy, level, message ? `${policy.description}\n${message}` : policy.description, urn ?? resourceUrn);
  }

  async guard(policy: Policy, urn: string | undefined, run: () => unknown): Promise<void> {
    try {
      await Promise.resolve(run());
    } catch (error) {
      const policyFrom = `policy '${policy.name}' from policy pack '${policyPackName}@v${policyPackVersion}'`;
      if (error instanceof UnknownValueError) {
        this.push(policy, "advisory", `can't run ${policyFrom} during preview: ${(error as Error).message}`, urn);
      } else if (!(error instanceof NotApplicableError)) {
        throw new Error(`Error validating resource with ${policyFrom}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  }
}

/** Stack-policy view of the resources, with parent and dependencies resolved to the resource objects. */
function toPolicyResources(resources: OfflineResource[]): PolicyResource[] {
  const converted = resources.map((resource): PolicyResource => {
    // A stack policy reads the props of the resources it looks at; the others are never built.
    const props = policyProps(resource);
    return {
      type: resource.type,
      get props() {
        return props();
      },
      urn: resource.urn,
      name: resource.name,
      opts: optionsOf(resource),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
      asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props() : undefined)) as PolicyResource["asType"],
      provider: providerOf(resource),
    };
  });
  const byUrn = new Map(converted.map((resource) => [resource.urn, resource]));
  resources.forEach((resource, i) => {
    converted[i].parent = resource.parent ? byUrn.get(resource.parent) : undefined;
    converted[i].dependencies = resource.dependencies.map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
  });
  return converted;
}

/** Every violation the analyzer would report for these resources under this `--policy-pack-config`, with `pack`'s policies. */
export async function evaluatePolicies(resources: OfflineResource[], config: Record<string, unknown>, pack: Policies): Promise<OfflineViolation[]> {
  const reconciled = reconcilePolicyConfig(pack, config);
  const collector = new ViolationCollector(resources);
  const stackTags: ReadonlyMap<string, string> = new Map();
  const getConfigOf = (policy: Policy) => <T>() => ({ ...reconciled.get(policy.name)?.properties }) as T;
  const active = pack
    .map((policy) => ({ policy, level: effectiveLevel(policy, reconciled.get(policy.name)) }))
    .filter((entry): entry is { policy: Policy; level: ActiveLevel } => entry.level !== "disabled");
  const resourcePolicies = active.filter((entry): entry is { policy: ResourceValidationPolicy; level: ActiveLevel } => isResourcePolicy(entry.policy));
  const stackPolicies = active.filter((entry): entry is { policy: StackValidationPolicy; level: ActiveLevel } => isStackPolicy(entry.policy));

  for (const resource of resources) {
    // Built when a policy first reads them, shared by the rest.
    const propsOf = policyProps(resource);
    for (const { policy, level } of resourcePolicies) {
      const validateResource = policy.validateResource as ResourceValidation | ResourceValidation[];
      const onlyType = Array.isArray(validateResource) ? undefined : pulumiTypeOf(validateResource);
      if ((onlyType && onlyType !== resource.type) || (policy as TypeFilteredPolicy)[appliesToType]?.(resource.type) === false) {
        continue;
      }
      for (const validation of Array.isArray(validateResource) ? validateResource : [validateResource]) {
        const args: ResourceValidationArgs = {
          type: resource.type,
          // Read on first access: a policy that skips the resource by its type never pays for its props.
          get props() {
            return propsOf();
          },
          urn: resource.urn,
          name: resource.name,
          opts: optionsOf(resource),
          stackTags,
          isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
          asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? propsOf() : undefined)) as ResourceValidationArgs["asType"],
          getConfig: getConfigOf(policy),
          notApplicable: throwNotApplicable,
          provider: providerOf(resource),
        };
        await collector.guard(policy, resource.urn, () => validation(args, collector.reporter(policy, level, resource.urn)));
      }
    }
  }

  // Built once and shared: the analyzer builds the same view for each stack policy.
  let policyResources: PolicyResource[] | undefined;
  for (const { policy, level } of stackPolicies) {
    const onlyType = pulumiTypeOf(policy.validateStack);
    if (onlyType && !resources.some((resource) => resource.type === onlyType)) {
      continue;
    }
    policyResources ??= toPolicyResources(resources);
    const args: StackValidationArgs = { resources: policyResources, getConfig: getConfigOf(policy), stackTags, notApplicable: throwNotApplicable };
    await collector.guard(policy, undefined, () => policy.validateStack(args, collector.reporter(policy, level)));
  }
  return collector.violations;
}
