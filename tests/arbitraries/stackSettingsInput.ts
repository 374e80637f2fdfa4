import fc from "fast-check";
import { environments, type Environment } from "../../settings/environments";
import { dashedLabel } from "./labels";

/** Valid stack config values (keys without the `istio-mesh:` prefix), built valid directly rather than filtered. */

const cpuLimit = fc.oneof(fc.integer({ min: 500, max: 2000 }).map((millicores) => `${millicores}m`), fc.constantFrom("1", "2"));
const memoryLimit = fc.oneof(fc.integer({ min: 512, max: 2048 }).map((mebibytes) => `${mebibytes}Mi`), fc.constantFrom("1Gi", "2Gi"));

/** Requests at most the limits: drawn as a fraction of them, in the smaller unit. */
export const computeResources = fc
  .record({ cpuLimit, memoryLimit, cpuShare: fc.double({ min: 0.01, max: 1, noNaN: true }), memoryShare: fc.double({ min: 0.01, max: 1, noNaN: true }) })
  .map(({ cpuLimit: cpu, memoryLimit: memory, cpuShare, memoryShare }) => {
    const cpuMillicores = cpu.endsWith("m") ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
    const memoryMebibytes = memory.endsWith("Gi") ? Number(memory.slice(0, -2)) * 1024 : Number(memory.slice(0, -2));
    return {
      requests: { cpu: `${Math.max(1, Math.floor(cpuMillicores * cpuShare))}m`, memory: `${Math.max(1, Math.floor(memoryMebibytes * memoryShare))}Mi` },
      limits: { cpu, memory },
    };
  });

function gateway(environment: Environment) {
  const highlyAvailable = environment === "prod";
  return fc
    .record({
      minReplicas: fc.integer({ min: highlyAvailable ? 2 : 1, max: 6 }),
      extraReplicas: fc.integer({ min: 0, max: 6 }),
      serviceType: fc.constantFrom("LoadBalancer", "NodePort", "ClusterIP"),
      resources: computeResources,
      withBudget: highlyAvailable ? fc.constant(true) : fc.boolean(),
      topologySpread: highlyAvailable ? fc.constant(true) : fc.boolean(),
    })
    .chain(({ minReplicas, extraReplicas, withBudget, ...rest }) =>
      (withBudget && minReplicas > 1 ? fc.integer({ min: 1, max: minReplicas - 1 }) : fc.constant(undefined)).map((budget) => ({
        ...rest,
        minReplicas,
        maxReplicas: minReplicas + extraReplicas,
        ...(budget === undefined ? {} : { podDisruptionBudgetMinAvailable: budget }),
      })),
    );
}

const dnsLabel = dashedLabel(10);

/**
 * One or two running revisions (the first in the fixed release `istiod`, as prod has it), up to two tags each
 * pointing at one of them, and an explicit injection revision or tag where the defaults would be ambiguous.
 */
const revisions = fc.option(
  fc
    .record({
      names: fc.uniqueArray(dnsLabel.map((name) => `rev-${name}`), { minLength: 1, maxLength: 2 }),
      tags: fc.uniqueArray(dnsLabel.map((name) => `tag-${name}`), { maxLength: 2 }),
      targets: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
      injectionPick: fc.nat(),
      explicit: fc.boolean(),
    })
    .map(({ names, tags, targets, injectionPick, explicit }) => {
      const revisionTags = Object.fromEntries(tags.map((tag, i) => [tag, names[targets[i] % names.length]]));
      const served = [...names, ...tags];
      const unambiguous = tags.length === 1 || (tags.length === 0 && names.length === 1);
      return {
        revisions: names.map((name, i) => (i === 0 ? { name, releaseName: "istiod" } : { name })),
        ...(tags.length === 0 ? {} : { revisionTags }),
        ...(explicit || !unambiguous ? { injectionRevision: served[injectionPick % served.length] } : {}),
      };
    }),
  { nil: undefined },
);

export function istioInput(environment: Environment) {
  return fc
    .record({
      revisions,
      mtlsMode: fc.constantFrom("STRICT", "PERMISSIVE"),
      outboundTrafficPolicy: fc.constantFrom("REGISTRY_ONLY", "ALLOW_ANY"),
      autoscaleMin: fc.integer({ min: environment === "prod" ? 2 : 1, max: 5 }),
      extraReplicas: fc.integer({ min: 0, max: 5 }),
      istiodResources: computeResources,
      ingressGateway: gateway(environment),
      egressGateway: gateway(environment),
    })
    .map(({ revisions: revisionSettings, autoscaleMin, extraReplicas, istiodResources, ...rest }) => ({
      ...rest,
      ...(revisionSettings ?? {}),
      istiod: { autoscaleMin, autoscaleMax: autoscaleMin + extraReplicas, resources: istiodResources },
    }));
}

export const namespaces = fc.uniqueArray(dnsLabel.filter((name) => !name.startsWith("istio-") && !name.startsWith("kube-") && name !== "default"), { maxLength: 4 }).map(
  (names) => names.map((name) => ({ name, labels: { team: "platform" } })),
);

/** prod pages someone for critical alerts: a webhook whose URL is in a Secret someone else writes. */
const prodAlerting = { alertmanager: { receivers: { webhook: {}, secretName: "alert-receivers" } } };

export function stackSettingsInputFor(environment: Environment) {
  return fc.record({
    environment: fc.constant(environment),
    istio: istioInput(environment),
    namespaces,
    ...(environment === "prod" ? { monitoring: fc.constant(prodAlerting) } : {}),
  });
}

export const validStackSettingsInput = fc.constantFrom(...environments).chain(stackSettingsInputFor);
export type StackSettingsInput = { environment: Environment; istio: Record<string, unknown>; namespaces: { name: string; revision?: string }[] };
