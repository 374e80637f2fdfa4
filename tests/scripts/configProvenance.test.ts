import { configKeyLookup, findingPaths } from "../../scripts/offline/configProvenance";
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { offlineSettings, withMissingSecrets } from "../../scripts/offline/secretConfig";
import { loadStackConfig, type StackConfig } from "../../scripts/offline/stackConfig";
import { renderWithConfig } from "../support/program";
import { projectDir } from "../support/project";
import { renderedStack } from "../support/renderedStacks";

/**
 * The render names the stack config key behind a field a policy reports. Each case changes one key of prod's
 * config and shows that the field changes with it, and that the lookup names that key for the field: the table
 * says which key produced which value because the program really made the value from it.
 */
interface Case {
  readonly key: string;
  /** The config path to change (from the top of `istio-mesh:`) and its new value. */
  readonly set: readonly [path: string, value: unknown];
  readonly resource: (registration: Registration) => boolean;
  readonly field: string;
  /** A second change the first needs to stay a valid config. */
  readonly with?: readonly [path: string, value: unknown];
}

const object = (kind: string, namespace: string | undefined, name: string) => (registration: Registration) => {
  const metadata = (registration.inputs.metadata ?? {}) as { name?: string; namespace?: string };
  return registration.type.endsWith(`:${kind}`) && metadata.name === name && metadata.namespace === namespace;
};
const release = (name: string) => (registration: Registration) => registration.type === "kubernetes:helm.sh/v3:Release" && registration.inputs.name === name;

const cases: readonly Case[] = [
  { key: "istio.istiod.autoscaleMin", set: ["istio.istiod.autoscaleMin", 3], resource: release("istiod"), field: "values.autoscaleMin" },
  { key: "istio.istiod.resources.limits.cpu", set: ["istio.istiod.resources.limits.cpu", "1500m"], resource: release("istiod"), field: "values.resources.limits.cpu" },
  { key: "istio.outboundTrafficPolicy", set: ["istio.outboundTrafficPolicy", "ALLOW_ANY"], resource: release("istiod"), field: "values.meshConfig.outboundTrafficPolicy.mode" },
  { key: "istio.ingressGateway.minReplicas", set: ["istio.ingressGateway.minReplicas", 4], resource: release("istio-ingressgateway"), field: "values.autoscaling.minReplicas" },
  { key: "istio.egressGateway.maxReplicas", set: ["istio.egressGateway.maxReplicas", 6], resource: release("istio-egressgateway"), field: "values.autoscaling.maxReplicas" },
  { key: "istio.mtlsMode", set: ["istio.mtlsMode", "PERMISSIVE"], resource: object("PeerAuthentication", "shop", "default"), field: "spec.mtls.mode" },
  { key: "kubernetes.protectAppNamespaces", set: ["kubernetes.protectAppNamespaces", false], resource: (r) => r.type.endsWith(":Namespace") && r.name === "app-namespaces-shop", field: "protect" },
  { key: "mesh.services[1].timeout", set: ["mesh.services[1].timeout", "90s"], resource: object("VirtualService", "shop", "worker"), field: "spec.http[0].timeout" },
  {
    key: "mesh.services[0].routes[1].destinations",
    set: ["mesh.services[0].routes[1].destinations", [{ subset: "stable", weight: 80 }, { subset: "canary", weight: 20 }]],
    resource: object("VirtualService", "shop", "api-ingress"),
    field: "spec.http[1].route[0].weight",
  },
  {
    key: "mesh.services[1].outlierDetection",
    set: ["mesh.services[1].outlierDetection.consecutive5xxErrors", 4],
    resource: object("DestinationRule", "shop", "worker"),
    field: "spec.trafficPolicy.outlierDetection.consecutive5xxErrors",
  },
  { key: "mesh.externals[0].hosts", set: ["mesh.externals[0].hosts", ["api.stripe.net"]], resource: object("ServiceEntry", "shop", "stripe"), field: "spec.hosts[0]" },
  { key: "tracing.samplingPercentage", set: ["tracing.samplingPercentage", 2], resource: object("Telemetry", "istio-system", "mesh-default"), field: "spec.tracing[0].randomSamplingPercentage" },
  {
    key: "argocd.production",
    set: ["argocd.production", false],
    with: ["argocd.teams[0].applications[0].syncPolicy", "automated"],
    resource: object("Application", "argocd", "storefront"),
    field: "spec.syncPolicy.automated",
  },
  { key: "argocd.teams[0].grants", set: ["argocd.teams[0].grants", ["Sidecar"]], resource: object("AppProject", "argocd", "storefront"), field: "spec.namespaceResourceBlacklist" },
];

type Tree = Record<string | number, unknown>;

/** `spec.http[0].route` → `["spec", "http", 0, "route"]`. */
function segments(fieldPath: string): (string | number)[] {
  return fieldPath.split(/\.|(?=\[)/).map((segment) => (/^\[\d+\]$/.test(segment) ? Number(segment.slice(1, -1)) : segment));
}

/** The value at a field path such as `spec.http[0].route[1].weight`, or a resource option (`protect`). */
function valueAt(registration: Registration, fieldPath: string): unknown {
  if (fieldPath === "protect") return registration.protect;
  return segments(fieldPath).reduce<unknown>((value, key) => (value === null || typeof value !== "object" ? undefined : (value as Tree)[key]), registration.inputs);
}

function setAt(root: Tree, fieldPath: string, value: unknown): void {
  const keys = segments(fieldPath);
  const parent = keys.slice(0, -1).reduce<Tree>((node, key) => (node[key] ??= {}) as Tree, root);
  parent[keys[keys.length - 1]] = value;
}

/** prod's config with every case's change, as structured values keyed `istio-mesh:<key>`. */
function changedConfig(config: Record<string, string>): Record<string, string> {
  const values: Tree = Object.fromEntries(["istio", "kubernetes", "mesh", "tracing", "argocd"].map((key) => [key, JSON.parse(config[`istio-mesh:${key}`] ?? "{}")]));
  for (const { set, with: alongside } of cases) {
    setAt(values, ...set);
    if (alongside) setAt(values, ...alongside);
  }
  return { ...config, ...Object.fromEntries(Object.entries(values).map(([key, value]) => [`istio-mesh:${key}`, JSON.stringify(value)])) };
}

describe("the stack config key behind a field", () => {
  let base: ProgramRun;
  let changed: ProgramRun;
  let changedStackConfig: StackConfig;

  beforeAll(async () => {
    const original = loadStackConfig(projectDir, "prod");
    changedStackConfig = withMissingSecrets({ ...original, config: changedConfig(original.config) }).stackConfig;
    // One after the other: the mock engine is process-wide.
    base = await renderedStack("prod");
    changed = await renderWithConfig("prod", changedConfig);
  }, 120_000);

  it.each(cases.map((testCase) => [testCase.key, testCase] as const))("%s: the field changes with the key, and the lookup names the key", (_, testCase) => {
    const before = base.registrations.find(testCase.resource);
    const after = changed.registrations.find(testCase.resource);
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(valueAt(after as Registration, testCase.field)).toBeDefined();
    expect(valueAt(after as Registration, testCase.field)).not.toEqual(valueAt(before as Registration, testCase.field));
    const lookup = configKeyLookup(changed.registrations, offlineSettings(changedStackConfig));
    expect(lookup((after as Registration).urn, testCase.field)).toBe(testCase.key);
  });

  it("names argocd.enabled for istiod's analysis, which the program turns on for Argo CD's health checks", async () => {
    const istiod = (run: ProgramRun) => run.registrations.find(release("istiod")) as Registration;
    const withoutArgocd = await renderWithConfig("dev", (config) => Object.fromEntries(Object.entries(config).filter(([key]) => key !== "istio-mesh:argocd")));
    expect(valueAt(istiod(withoutArgocd), "values.global.istiod.enableAnalysis")).not.toBe(true);
    expect(valueAt(istiod(base), "values.global.istiod.enableAnalysis")).toBe(true);
    const lookup = configKeyLookup(base.registrations, offlineSettings(withMissingSecrets(loadStackConfig(projectDir, "prod")).stackConfig));
    expect(lookup(istiod(base).urn, "values.global.istiod.enableAnalysis")).toBe("argocd.enabled");
  });

  it("names no key for a field the program fixes itself", () => {
    const namespace = base.registrations.find((registration) => registration.name === "ingress-gateway-namespace") as Registration;
    const lookup = configKeyLookup(base.registrations, offlineSettings(withMissingSecrets(loadStackConfig(projectDir, "prod")).stackConfig));
    expect(lookup(namespace.urn, "metadata.labels")).toBeUndefined();
  });
});

describe("findingPaths", () => {
  it("reads the field path of each finding line, after the resource", () => {
    const message = 'Description.\nHelm release istio-system/istiod: values.autoscaleMin found 1, expected at least 2. Run more.\nVirtualService shop/api: spec.http[1].route found [], expected x.';
    expect(findingPaths(message)).toEqual(["values.autoscaleMin", "spec.http[1].route"]);
  });
});
