import { z } from "zod";
import { controlPlaneLimitBounds, type ComputeResources, type Environment, environmentDefaults } from "./environments";
import { describeValue } from "./errors";
import { parseCpuMillicores, parseMemoryBytes } from "./quantity";
import { replacedRevisionInput, resolveRevisions, type RevisionSettings, revisionsInput, revisionTagsInput } from "./revisions";
import { boolean, computeResources, type ComputeResourcesInput, dnsLabel, integer, oneOf } from "./validators";

const gatewayInput = z.strictObject({
  serviceType: oneOf(["LoadBalancer", "NodePort", "ClusterIP"]).optional(),
  serviceAnnotations: z.record(z.string(), z.string({ error: "expected a string" })).optional(),
  minReplicas: integer(1, 100).optional(),
  maxReplicas: integer(1, 100).optional(),
  targetCPUUtilizationPercentage: integer(1, 100).optional(),
  podDisruptionBudgetMinAvailable: integer(1, 100).optional(),
  topologySpread: boolean.optional(),
  resources: computeResources.optional(),
});

export const istioInput = z.strictObject({
  revision: replacedRevisionInput.optional(),
  revisions: revisionsInput.optional(),
  revisionTags: revisionTagsInput.optional(),
  injectionRevision: dnsLabel.optional(),
  gatewayRevision: dnsLabel.optional(),
  mtlsMode: oneOf(["STRICT", "PERMISSIVE"]).optional(),
  outboundTrafficPolicy: oneOf(["REGISTRY_ONLY", "ALLOW_ANY"]).optional(),
  accessLog: boolean.optional(),
  helmTimeoutSeconds: integer(60, 3600).optional(),
  protectIstioBase: boolean.optional(),
  istiod: z
    .strictObject({
      autoscaleMin: integer(1, 50).optional(),
      autoscaleMax: integer(1, 50).optional(),
      resources: computeResources.optional(),
    })
    .optional(),
  ingressGateway: gatewayInput.optional(),
  egressGateway: gatewayInput.extend({ enabled: boolean.optional() }).optional(),
});
export type IstioInput = z.infer<typeof istioInput>;

export interface GatewaySettings {
  /** Kubernetes Service type of the gateway. @defaultValue LoadBalancer (ingress), ClusterIP (egress) */
  readonly serviceType: "LoadBalancer" | "NodePort" | "ClusterIP";
  readonly serviceAnnotations: Readonly<Record<string, string>>;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCPUUtilizationPercentage: number;
  /** A PodDisruptionBudget with this `minAvailable`; none when undefined. */
  readonly podDisruptionBudgetMinAvailable?: number;
  /** Spread replicas across zones and nodes. */
  readonly topologySpread: boolean;
  readonly resources: ComputeResources;
}

/** Revisions, tags and what namespaces and gateways inject from (settings/revisions.ts), and the rest of Istio. */
export interface IstioSettings extends RevisionSettings {
  readonly mtlsMode: "STRICT" | "PERMISSIVE";
  readonly outboundTrafficPolicy: "REGISTRY_ONLY" | "ALLOW_ANY";
  readonly accessLog: boolean;
  /** How long Helm waits for a release before `atomic` rolls it back. @defaultValue 600 */
  readonly helmTimeoutSeconds: number;
  /** Protect and retain the `istio-base` release (it owns every Istio CRD). */
  readonly protectIstioBase: boolean;
  readonly istiod: { readonly autoscaleMin: number; readonly autoscaleMax: number; readonly resources: ComputeResources };
  readonly ingressGateway: GatewaySettings;
  readonly egressGateway: GatewaySettings & { readonly enabled: boolean };
}

function resolveResources(
  key: string,
  input: ComputeResourcesInput | undefined,
  fallback: ComputeResources,
  problems: string[],
): ComputeResources {
  const resources: ComputeResources = {
    requests: { cpu: input?.requests?.cpu ?? fallback.requests.cpu, memory: input?.requests?.memory ?? fallback.requests.memory },
    limits: { cpu: input?.limits?.cpu ?? fallback.limits.cpu, memory: input?.limits?.memory ?? fallback.limits.memory },
  };
  const cpuLimit = parseCpuMillicores(resources.limits.cpu) ?? NaN;
  const memoryLimit = parseMemoryBytes(resources.limits.memory) ?? NaN;
  const { cpuMillicores, memoryBytes } = controlPlaneLimitBounds;
  if (!(cpuLimit >= cpuMillicores.min && cpuLimit <= cpuMillicores.max)) {
    problems.push(`${key}.limits.cpu: expected a CPU limit from ${cpuMillicores.text}, got ${describeValue(resources.limits.cpu)}`);
  }
  if (!(memoryLimit >= memoryBytes.min && memoryLimit <= memoryBytes.max)) {
    problems.push(`${key}.limits.memory: expected a memory limit from ${memoryBytes.text}, got ${describeValue(resources.limits.memory)}`);
  }
  if ((parseCpuMillicores(resources.requests.cpu) ?? NaN) > cpuLimit) {
    problems.push(`${key}.requests.cpu: expected at most the CPU limit ${describeValue(resources.limits.cpu)}, got ${describeValue(resources.requests.cpu)}`);
  }
  if ((parseMemoryBytes(resources.requests.memory) ?? NaN) > memoryLimit) {
    problems.push(`${key}.requests.memory: expected at most the memory limit ${describeValue(resources.limits.memory)}, got ${describeValue(resources.requests.memory)}`);
  }
  return resources;
}

function checkScaleRange(key: string, minKey: string, maxKey: string, min: number, max: number, problems: string[]): void {
  if (max < min) problems.push(`${key}.${maxKey}: expected an integer >= ${key}.${minKey} (${min}), got ${max}`);
}

function resolveGateway(
  key: string,
  input: z.infer<typeof gatewayInput> | undefined,
  environment: Environment,
  defaultServiceType: GatewaySettings["serviceType"],
  problems: string[],
): GatewaySettings {
  const defaults = environmentDefaults[environment].gateway;
  const minReplicas = input?.minReplicas ?? defaults.minReplicas;
  const maxReplicas = input?.maxReplicas ?? Math.max(defaults.maxReplicas, minReplicas);
  checkScaleRange(key, "minReplicas", "maxReplicas", minReplicas, maxReplicas, problems);
  const podDisruptionBudgetMinAvailable = input?.podDisruptionBudgetMinAvailable ?? defaults.podDisruptionBudgetMinAvailable;
  const topologySpread = input?.topologySpread ?? defaults.topologySpread;
  if (environment === "prod") {
    if (minReplicas < 2) problems.push(`${key}.minReplicas: expected an integer >= 2 in a prod stack (high availability), got ${minReplicas}`);
    if (podDisruptionBudgetMinAvailable === undefined) {
      problems.push(`${key}.podDisruptionBudgetMinAvailable: expected an integer >= 1 in a prod stack (a PodDisruptionBudget), got nothing`);
    }
    if (!topologySpread) problems.push(`${key}.topologySpread: expected true in a prod stack (replicas spread over zones), got false`);
  }
  if (podDisruptionBudgetMinAvailable !== undefined && podDisruptionBudgetMinAvailable >= minReplicas) {
    problems.push(
      `${key}.podDisruptionBudgetMinAvailable: expected fewer than ${key}.minReplicas (${minReplicas}) so a node can drain, got ${podDisruptionBudgetMinAvailable}`,
    );
  }
  return {
    serviceType: input?.serviceType ?? defaultServiceType,
    serviceAnnotations: input?.serviceAnnotations ?? {},
    minReplicas,
    maxReplicas,
    targetCPUUtilizationPercentage: input?.targetCPUUtilizationPercentage ?? 80,
    podDisruptionBudgetMinAvailable,
    topologySpread,
    resources: resolveResources(`${key}.resources`, input?.resources, defaults.resources, problems),
  };
}

export function resolveIstio(input: IstioInput | undefined, environment: Environment, problems: string[]): IstioSettings {
  const defaults = environmentDefaults[environment];
  const autoscaleMin = input?.istiod?.autoscaleMin ?? defaults.istiod.autoscaleMin;
  const autoscaleMax = input?.istiod?.autoscaleMax ?? Math.max(defaults.istiod.autoscaleMax, autoscaleMin);
  checkScaleRange("istio.istiod", "autoscaleMin", "autoscaleMax", autoscaleMin, autoscaleMax, problems);
  if (environment === "prod" && autoscaleMin < 2) {
    problems.push(`istio.istiod.autoscaleMin: expected an integer >= 2 in a prod stack (istiod's PodDisruptionBudget renders only then), got ${autoscaleMin}`);
  }

  return {
    ...resolveRevisions(input ?? {}, problems),
    mtlsMode: input?.mtlsMode ?? defaults.mtlsMode,
    outboundTrafficPolicy: input?.outboundTrafficPolicy ?? defaults.outboundTrafficPolicy,
    accessLog: input?.accessLog ?? true,
    helmTimeoutSeconds: input?.helmTimeoutSeconds ?? 600,
    protectIstioBase: input?.protectIstioBase ?? defaults.protectIstioBase,
    istiod: {
      autoscaleMin,
      autoscaleMax,
      resources: resolveResources("istio.istiod.resources", input?.istiod?.resources, defaults.istiod.resources, problems),
    },
    ingressGateway: resolveGateway("istio.ingressGateway", input?.ingressGateway, environment, "LoadBalancer", problems),
    egressGateway: {
      enabled: input?.egressGateway?.enabled ?? true,
      ...resolveGateway("istio.egressGateway", input?.egressGateway, environment, "ClusterIP", problems),
    },
  };
}
