/**
 * Builders that turn a pure check into a CrossGuard policy. They return early for resources a policy doesn't
 * cover, format every finding the same way and, for stack policies, attribute each finding to the resource at
 * fault through its URN.
 */
import {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
} from "@pulumi/policy";
import { Finding, formatFinding } from "./messages";
import { describeResource, Kind, kindOfType, MeshResource, toMeshResource } from "./meshResource";

interface PolicyMetadata {
  /** `istio-<kind>-<verb>-<what>`. */
  readonly name: string;
  /** What the policy enforces and how to fix a violation (shown with every violation). */
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  /** Environment-specific settings; every property needs a `default`. */
  readonly configSchema?: PolicyConfigSchema;
}

export interface ResourcePolicyDefinition<Config extends object> extends PolicyMetadata {
  /** The kinds this policy looks at; every other resource is skipped. */
  readonly kinds: readonly Kind[];
  readonly check: (resource: MeshResource, config: Config) => Finding[] | Promise<Finding[]>;
}

/**
 * On a resource policy built here: whether its validation can apply to a resource of this type. The offline
 * evaluator asks it to skip the others without a call, which the validation would return from at once.
 */
export const appliesToType = Symbol("appliesToType");

export type TypeFilteredPolicy = ResourceValidationPolicy & { readonly [appliesToType]?: (type: string) => boolean };

export function defineResourcePolicy<Config extends object = Record<string, never>>(
  definition: ResourcePolicyDefinition<Config>,
): TypeFilteredPolicy {
  const { kinds, check, ...metadata } = definition;
  const applies = (type: string) => {
    const kind = kindOfType(type);
    return kind !== undefined && kinds.includes(kind);
  };
  return {
    ...metadata,
    [appliesToType]: applies,
    validateResource: async (args, reportViolation) => {
      // Decide from the type token alone, so a resource this policy skips never has its props read.
      if (!applies(args.type)) {
        return;
      }
      const resource = toMeshResource(args.type, args.props, args.urn, args.name, args.opts.protect) as MeshResource;
      const findings = await check(resource, args.getConfig<Config>());
      for (const finding of findings) {
        reportViolation(formatFinding(describeResource(resource), finding));
      }
    },
  };
}

/** A finding in a cross-resource check, with the resource it belongs to. */
export interface StackFinding extends Finding {
  readonly resource: MeshResource;
}

/** The covered resources of a stack, grouped by kind once. */
export interface MeshInventory {
  of(kind: Kind): readonly MeshResource[];
}

export interface StackPolicyDefinition<Config extends object> extends PolicyMetadata {
  /** The kinds the check reads; only these are converted and handed over. */
  readonly kinds: readonly Kind[];
  /** Receives the stack's resources of those kinds; must index them, never compare resources pairwise. */
  readonly check: (inventory: MeshInventory, config: Config) => StackFinding[];
}

function inventoryOf(resources: readonly PolicyResource[], kinds: readonly Kind[]): MeshInventory {
  const groups = new Map<Kind, MeshResource[]>(kinds.map((kind) => [kind, []]));
  for (const resource of resources) {
    const kind = kindOfType(resource.type);
    const group = kind === undefined ? undefined : groups.get(kind);
    if (group) {
      group.push(toMeshResource(resource.type, resource.props, resource.urn, resource.name, resource.opts.protect) as MeshResource);
    }
  }
  return { of: (kind) => groups.get(kind) ?? [] };
}

export function defineStackPolicy<Config extends object = Record<string, never>>(
  definition: StackPolicyDefinition<Config>,
): StackValidationPolicy {
  const { kinds, check, ...metadata } = definition;
  return {
    ...metadata,
    validateStack: (args, reportViolation) => {
      for (const { resource, ...finding } of check(inventoryOf(args.resources, kinds), args.getConfig<Config>())) {
        reportViolation(formatFinding(describeResource(resource), finding), resource.urn);
      }
    },
  };
}
