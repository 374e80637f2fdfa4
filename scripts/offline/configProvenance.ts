import type { Settings } from "../../settings";
import type { Registration } from "./mockEngine";

/**
 * Which stack config key produced a field of a resource: the render knows, because it ran the program on the
 * stack's config, and the pack does not need to (it judges resources of any program). A violation on a field
 * this program set from config is shown with the key to change (`istio.istiod.autoscaleMin`), next to the Helm
 * values or spec path the policy names. Fields no key sets (fixed by the program) have none.
 */

/**
 * A field path the policy reports, to the config key that sets it; `$1`… are the path's captured list indexes, and a
 * trailing `*` stands for the rest of the path (`values.resources.limits.cpu` → `….resources.limits.cpu`).
 */
type FieldRule = readonly [field: RegExp, key: string];

/** The rules of one resource: the key prefix its fields hang under, and its fields' rules, first match wins. */
interface ResourceKeys {
  readonly prefix: string;
  readonly rules: readonly FieldRule[];
  /** The key for a field no rule names; undefined where the program fixes the rest itself. */
  readonly fallback?: string;
}

const index = "\\[(\\d+)\\]";
const field = (path: string) => new RegExp(`^${path.replace(/\./g, "\\.").replace(/\[i\]/g, index)}(?=$|[.[])`);

const istiodRules: readonly FieldRule[] = [
  [field("values.autoscaleMin"), "istio.istiod.autoscaleMin"],
  [field("values.autoscaleMax"), "istio.istiod.autoscaleMax"],
  [field("values.replicaCount"), "istio.istiod.autoscaleMin"],
  [field("values.resources"), "istio.istiod.resources*"],
  [field("values.meshConfig.outboundTrafficPolicy"), "istio.outboundTrafficPolicy"],
  [field("values.meshConfig.accessLogFile"), "istio.accessLog"],
  [field("values.meshConfig.accessLogEncoding"), "istio.accessLog"],
  [field("values.meshConfig.tlsDefaults"), "mesh.ingress.minProtocolVersion"],
  [field("values.meshConfig.defaultHttpRetryPolicy"), "mesh.services[].retries"],
  [field("values.revision"), "istio.revisions"],
  [field("values.revisionTags"), "istio.revisions[].chartRevisionTags"],
  [field("values.global.istiod.enableAnalysis"), "argocd.enabled"],
];

function gatewayRules(gateway: string): readonly FieldRule[] {
  return [
    [field("values.autoscaling.minReplicas"), `${gateway}.minReplicas`],
    [field("values.autoscaling.maxReplicas"), `${gateway}.maxReplicas`],
    [field("values.autoscaling.targetCPUUtilizationPercentage"), `${gateway}.targetCPUUtilizationPercentage`],
    [field("values.replicaCount"), `${gateway}.minReplicas`],
    [field("values.podDisruptionBudget"), `${gateway}.podDisruptionBudgetMinAvailable`],
    [field("values.resources"), `${gateway}.resources*`],
    [field("values.topologySpreadConstraints"), `${gateway}.topologySpread`],
    [field("values.service.type"), `${gateway}.serviceType`],
    [field("values.service.annotations"), `${gateway}.serviceAnnotations`],
    [field("values.revision"), "istio.gatewayRevision"],
  ];
}

/** A mesh service's objects (VirtualServices, DestinationRule, policies, HTTPRoutes), under `mesh.services[i]`. */
const serviceRules: readonly FieldRule[] = [
  [field("spec.http[i].route"), ".routes[$1].destinations"],
  [field("spec.http[i].match"), ".routes[$1].match"],
  [field("spec.http[i].retries"), ".routes[$1].retries"],
  [field("spec.http[i].timeout"), ".timeout"],
  [field("spec.http[i].corsPolicy"), ".cors"],
  [field("spec.http[i].fault"), ".fault"],
  [field("spec.http"), ".routes"],
  [field("spec.hosts"), ".hosts"],
  [field("spec.gateways"), ".hosts"],
  [field("spec.hostnames"), ".hosts"],
  [field("spec.rules[i].backendRefs"), ".routes[$1].destinations"],
  [field("spec.rules[i].matches"), ".routes[$1].match"],
  [field("spec.rules[i].timeouts"), ".timeout"],
  [field("spec.trafficPolicy.connectionPool"), ".connectionPool"],
  [field("spec.trafficPolicy.outlierDetection"), ".outlierDetection"],
  [field("spec.subsets"), ".subsets"],
  [field("spec.jwtRules"), ".jwt"],
  [field("spec.rules"), ".allow"],
];

/** An external's objects (ServiceEntry, DestinationRule, egress Gateway and VirtualService), under `mesh.externals[i]`. */
const externalRules: readonly FieldRule[] = [
  [field("spec.hosts"), ".hosts"],
  [field("spec.ports"), ".ports"],
  [field("spec.addresses"), ".addresses"],
  [field("spec.exportTo"), ".exportTo"],
  [field("spec.trafficPolicy.connectionPool"), ".connectionPool"],
  [field("spec.trafficPolicy.outlierDetection"), ".outlierDetection"],
  [field("spec.trafficPolicy.tls"), ".tls"],
  [field("spec.trafficPolicy.portLevelSettings"), ".ports"],
];

const ingressRules: readonly FieldRule[] = [
  [field("spec.servers[i].tls.minProtocolVersion"), ".minProtocolVersion"],
  [field("spec.servers[i].tls.httpsRedirect"), ".httpsRedirect"],
  [field("spec.servers[i].hosts"), ".hosts"],
  [field("spec.servers"), ".hosts"],
];

function metadataOf(registration: Registration): { name?: string; namespace?: string } {
  return (registration.inputs.metadata ?? {}) as { name?: string; namespace?: string };
}

/** The resource's place in stack config, found through the component that made it and the settings it was made from. */
function resourceKeys(registration: Registration, byUrn: ReadonlyMap<string, Registration>, settings: Settings): ResourceKeys | undefined {
  const parent = registration.parent === undefined ? undefined : byUrn.get(registration.parent);
  const meshName = parent === undefined || parent.parent === undefined ? undefined : byUrn.get(parent.parent)?.name;
  const kind = registration.type.split(":").pop();
  if (registration.type === "kubernetes:helm.sh/v3:Release") {
    const chart = registration.inputs.chart;
    if (chart === "istiod") return { prefix: "", rules: istiodRules, fallback: "istio.istiod" };
    if (chart === "gateway" && parent?.name === "ingress-gateway") return { prefix: "", rules: gatewayRules("istio.ingressGateway"), fallback: "istio.ingressGateway" };
    if (chart === "gateway" && parent?.name === "egress-gateway") return { prefix: "", rules: gatewayRules("istio.egressGateway"), fallback: "istio.egressGateway" };
    return undefined;
  }
  const { name, namespace } = metadataOf(registration);
  switch (parent?.type) {
    case "istio-mesh:mesh:AppNamespaces": {
      const position = settings.namespaces.findIndex((appNamespace) => appNamespace.name === name);
      if (position < 0) return undefined;
      return { prefix: "", rules: [[/^protect$/, "kubernetes.protectAppNamespaces"]], fallback: `namespaces[${position}]` };
    }
    case "istio-mesh:argocd:ArgoCdTeams": {
      const teams = settings.argocd.teams;
      if (kind === "AppProject") {
        const team = teams.findIndex((candidate) => candidate.name === name);
        return team < 0 ? undefined : { prefix: `argocd.teams[${team}]`, rules: [[field("spec.namespaceResourceBlacklist"), ".grants"]], fallback: "" };
      }
      const team = teams.findIndex((candidate) => candidate.applications.some((application) => application.name === name));
      if (kind !== "Application" || team < 0) return undefined;
      const application = teams[team].applications.findIndex((candidate) => candidate.name === name);
      return { prefix: "", rules: [[field("spec.syncPolicy"), "argocd.production"]], fallback: `argocd.teams[${team}].applications[${application}]` };
    }
    case "istio-mesh:argocd:ArgoCd":
      return kind === "Namespace" ? { prefix: "", rules: [[/^protect$/, "kubernetes.protectAppNamespaces"]], fallback: "argocd.namespace" } : undefined;
    case "istio-mesh:mesh:NamespaceSecurity":
      return kind === "PeerAuthentication" ? { prefix: "", rules: [[field("spec.mtls"), "istio.mtlsMode"]] } : undefined;
    case "istio-mesh:mesh:MeshService": {
      const position = settings.mesh.services.findIndex((service) => parent.name === `${meshName}-${service.namespace}-${service.name}`);
      return position < 0 ? undefined : { prefix: `mesh.services[${position}]`, rules: serviceRules, fallback: "" };
    }
    case "istio-mesh:mesh:MeshEgress": {
      const position = settings.mesh.externals.findIndex((external) => parent.name === `${meshName}-${external.namespace}-${external.name}`);
      return position < 0 ? undefined : { prefix: `mesh.externals[${position}]`, rules: externalRules, fallback: "" };
    }
    case "istio-mesh:mesh:MeshIngress":
      return kind === "Gateway" ? { prefix: "mesh.ingress", rules: ingressRules, fallback: "" } : undefined;
    case "istio-mesh:mesh:IngressRateLimit":
      return { prefix: "mesh.rateLimit", rules: [], fallback: "" };
    case "istio-mesh:addons:Tracing":
      return kind === "Telemetry" && namespace !== undefined ? { prefix: "", rules: [[field("spec.tracing"), "tracing.samplingPercentage"]] } : undefined;
    default:
      return undefined;
  }
}

/** Looks up the config key behind a field of a resource: `(urn, "values.autoscaleMin")` → `istio.istiod.autoscaleMin`. */
export type ConfigKeyLookup = (urn: string | undefined, fieldPath: string) => string | undefined;

export function configKeyLookup(registrations: readonly Registration[], settings: Settings): ConfigKeyLookup {
  const byUrn = new Map(registrations.map((registration) => [registration.urn, registration]));
  return (urn, fieldPath) => {
    const registration = urn === undefined ? undefined : byUrn.get(urn);
    const keys = registration && resourceKeys(registration, byUrn, settings);
    if (keys === undefined) return undefined;
    for (const [pattern, key] of keys.rules) {
      const match = pattern.exec(fieldPath);
      if (!match) continue;
      const withIndexes = key.replace(/\$(\d)/g, (_, group: string) => match[Number(group)]);
      return `${keys.prefix}${withIndexes.endsWith("*") ? `${withIndexes.slice(0, -1)}${fieldPath.slice(match[0].length)}` : withIndexes}`;
    }
    return keys.fallback === undefined ? undefined : `${keys.prefix}${keys.fallback}`;
  };
}

/** The field paths a violation's findings name: each line reads `<resource>: <field path> found …`. */
export function findingPaths(message: string): string[] {
  return message.split("\n").flatMap((line) => {
    const match = /^[^:]+: (\S+) found /.exec(line);
    return match ? [match[1]] : [];
  });
}
