import type { ProgramRun, Registration } from "../../../scripts/offline/mockEngine";
import { parseCpuMillicores, parseMemoryBytes } from "../../../settings/quantity";
import { envoyStatsMatcher } from "../../../components/addons/alertRules";
import { configKeyLookup } from "../../../scripts/offline/configProvenance";
import { loadPolicyGate, withConfigKeys } from "../../../scripts/offline/policyGate";
import { offlineSettings, withMissingSecrets } from "../../../scripts/offline/secretConfig";
import { loadStackConfig } from "../../../scripts/offline/stackConfig";
import { renderWithConfig } from "../../support/program";
import { projectDir, stacks } from "../../support/project";
import { byName, kubernetesObjects, ofType, releases } from "../../support/registrations";
import { renderedStack } from "../../support/renderedStacks";

const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
});

function run(stack: string): ProgramRun {
  const found = runs.get(stack);
  if (!found) throw new Error(`stack ${stack} was not rendered`);
  return found;
}

function release(stack: string, releaseName: string): Registration {
  const found = releases(run(stack)).get(releaseName);
  if (!found) throw new Error(`stack ${stack} has no Helm release ${releaseName}`);
  return found;
}

const values = (registration: Registration) => registration.inputs.values as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(stacks)("stack %s: the Istio control plane", (stack) => {
  test.each([
    ["istio-base", "base", "istio-system"],
    ["istiod", "istiod", "istio-system"],
    ["istio-ingressgateway", "gateway", "istio-ingress"],
    ["istio-egressgateway", "gateway", "istio-egress"],
  ])("release %s is chart %s 1.30.4 from Istio's repository in %s, atomic with a timeout", (name, chart, namespace) => {
    const inputs = release(stack, name).inputs;
    expect(inputs).toMatchObject({
      name,
      chart,
      version: "1.30.4",
      namespace,
      repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
      atomic: true,
    });
    expect(inputs.timeout).toBeGreaterThanOrEqual(300);
  });

  test("installs in order: base after its namespace, istiod after base, each gateway after istiod and its namespace", () => {
    const base = release(stack, "istio-base");
    const istiod = release(stack, "istiod");
    const systemNamespace = byName(run(stack), "kubernetes:core/v1:Namespace", "istio-namespace");
    expect(base.dependsOn).toContain(systemNamespace.urn);
    expect(istiod.dependsOn).toContain(base.urn);
    for (const [gateway, namespace] of [["istio-ingressgateway", "istio-ingress"], ["istio-egressgateway", "istio-egress"]]) {
      const gatewayNamespace = kubernetesObjects(run(stack)).get(`Namespace /${namespace}`);
      expect(release(stack, gateway).dependsOn).toEqual(expect.arrayContaining([istiod.urn, gatewayNamespace?.urn]));
    }
  });

  test("every Kubernetes resource goes through the stack's explicit provider, built from its kubeconfig context", () => {
    const [provider] = ofType(run(stack), "pulumi:providers:kubernetes");
    expect(provider.inputs.context).toBe(`${stack === "dev" ? "kind-" : ""}istio-mesh-${stack}`);
    const managed = run(stack).registrations.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    expect(managed.length).toBeGreaterThan(0);
    for (const resource of managed) expect(resource.provider?.startsWith(`${provider.urn}::`)).toBe(true);
  });

  test("istiod's meshConfig: JSON access log to stdout, the stack's egress policy, TLS 1.3, the Envoy stats the alerts read and the tracing provider", () => {
    const meshConfig = values(release(stack, "istiod")).meshConfig;
    expect(meshConfig.accessLogFile).toBe("/dev/stdout");
    expect(meshConfig.accessLogEncoding).toBe("JSON");
    const format = JSON.parse(meshConfig.accessLogFormat);
    expect(typeof format).toBe("object");
    expect(format.response_code).toBe("%RESPONSE_CODE%");
    expect(meshConfig.outboundTrafficPolicy.mode).toBe(stack === "dev" ? "ALLOW_ANY" : "REGISTRY_ONLY");
    expect(meshConfig.meshMTLS.minProtocolVersion).toBe("TLSV1_3");
    expect(meshConfig.defaultConfig.proxyStatsMatcher).toEqual({ inclusionSuffixes: [...envoyStatsMatcher.inclusionSuffixes], inclusionRegexps: [...envoyStatsMatcher.inclusionRegexps] });
    expect(meshConfig.extensionProviders).toEqual(
      expect.arrayContaining([expect.objectContaining({ opentelemetry: expect.objectContaining({ port: 4317 }) })]),
    );
  });

  test("istiod and both gateways keep limits within 500m-2000m CPU and 512Mi-2Gi memory, requests within limits", () => {
    const resourceSets = [values(release(stack, "istiod")).resources, ...["istio-ingressgateway", "istio-egressgateway"].map((name) => values(release(stack, name)).resources)];
    for (const { requests, limits } of resourceSets) {
      const cpuLimit = parseCpuMillicores(limits.cpu) ?? NaN;
      const memoryLimit = parseMemoryBytes(limits.memory) ?? NaN;
      expect(cpuLimit).toBeGreaterThanOrEqual(500);
      expect(cpuLimit).toBeLessThanOrEqual(2000);
      expect(memoryLimit).toBeGreaterThanOrEqual(512 * 2 ** 20);
      expect(memoryLimit).toBeLessThanOrEqual(2 * 2 ** 30);
      expect(parseCpuMillicores(requests.cpu)).toBeLessThanOrEqual(cpuLimit);
      expect(parseMemoryBytes(requests.memory)).toBeLessThanOrEqual(memoryLimit);
    }
  });

  test("gateway pods carry the selector label Istio Gateway resources use", () => {
    expect(values(release(stack, "istio-ingressgateway")).labels).toEqual({ istio: "ingressgateway" });
    expect(values(release(stack, "istio-egressgateway")).labels).toEqual({ istio: "egressgateway" });
  });

  test("app namespaces carry exactly one injection label", () => {
    const shop = kubernetesObjects(run(stack)).get("Namespace /shop");
    const labels = (shop?.inputs.metadata as { labels: Record<string, string> }).labels;
    const injectionLabels = Object.keys(labels).filter((key) => key === "istio-injection" || key === "istio.io/rev");
    expect(injectionLabels).toHaveLength(1);
    expect(labels.team).toBe("storefront");
  });

  test("every namespace it creates says whether its pods are injected: the gateways' follow their injector, the add-ons' are outside the mesh", () => {
    const labelsOf = (name: string) => (kubernetesObjects(run(stack)).get(`Namespace /${name}`)?.inputs.metadata as { labels?: Record<string, string> }).labels;
    const gatewayRevision = values(release(stack, "istio-ingressgateway")).revision as string | undefined;
    const gatewayInjection = gatewayRevision === undefined ? { "istio-injection": "enabled" } : { "istio.io/rev": gatewayRevision };
    for (const gatewayNamespace of ["istio-ingress", "istio-egress"]) expect(labelsOf(gatewayNamespace)).toEqual(gatewayInjection);
    for (const addonNamespace of ["cert-manager", "monitoring", "observability"]) expect(labelsOf(addonNamespace)).toEqual({ "istio-injection": "disabled" });
  });

  test("a gateway's namespace is labelled only once its injector exists, as the gateway release is", () => {
    const registrations = run(stack).registrations;
    const namespace = byName(run(stack), "kubernetes:core/v1:Namespace", "ingress-gateway-namespace");
    const istiod = registrations.filter((registration) => registration.type === "kubernetes:helm.sh/v3:Release" && String(registration.inputs.name).startsWith("istiod"));
    expect(istiod.length).toBeGreaterThan(0);
    for (const release of istiod) expect(namespace.dependsOn).toContain(release.urn);
  });

  test("stack outputs name the ingress gateway, the namespaces and the revision", () => {
    expect(run(stack).outputs).toMatchObject({
      ingressGatewayNamespace: "istio-ingress",
      ingressGatewayService: "istio-ingressgateway",
      namespaces: expect.arrayContaining(["shop"]),
    });
  });
});

describe("environment differences", () => {
  test("prod runs istiod with at least two replicas, so its PodDisruptionBudget renders", () => {
    expect(values(release("prod", "istiod")).autoscaleMin).toBeGreaterThanOrEqual(2);
    expect(values(release("dev", "istiod")).autoscaleMin).toBe(1);
  });

  test.each(["istio-ingressgateway", "istio-egressgateway"])("prod gateway %s: two or more replicas, a PodDisruptionBudget, zone and node spread", (name) => {
    const gateway = values(release("prod", name));
    expect(gateway.autoscaling.minReplicas).toBeGreaterThanOrEqual(2);
    expect(gateway.podDisruptionBudget.minAvailable).toBeLessThan(gateway.autoscaling.minReplicas);
    expect(gateway.topologySpreadConstraints.map((constraint: { topologyKey: string }) => constraint.topologyKey)).toEqual([
      "topology.kubernetes.io/zone",
      "kubernetes.io/hostname",
    ]);
  });

  test("dev gateways run one replica without a disruption budget", () => {
    const gateway = values(release("dev", "istio-ingressgateway"));
    expect(gateway.autoscaling).toMatchObject({ minReplicas: 1, maxReplicas: 1 });
    expect(gateway.podDisruptionBudget).toBeUndefined();
  });

  test("prod protects and retains istio-base, which owns every Istio CRD; dev does not", () => {
    expect(release("prod", "istio-base")).toMatchObject({ protect: true, retainOnDelete: true });
    expect(release("dev", "istio-base")).toMatchObject({ protect: false, retainOnDelete: false });
  });

  test("prod runs revision 1-30-3 in the release istiod and labels app namespaces and gateways with the tag prod-stable", () => {
    expect(values(release("prod", "istiod"))).toMatchObject({ revision: "1-30-3" });
    expect(values(release("prod", "istiod")).revisionTags).toBeUndefined();
    expect(values(release("prod", "istio-ingressgateway")).revision).toBe("prod-stable");
    expect(values(release("prod", "istio-base")).defaultRevision).toBe("1-30-3");
    const shop = kubernetesObjects(run("prod")).get("Namespace /shop");
    expect((shop?.inputs.metadata as { labels: Record<string, string> }).labels).toMatchObject({ "istio.io/rev": "prod-stable" });
    expect(run("prod").outputs.istiodRevision).toBe("1-30-3");
  });

  test("prod owns the tag's webhook and Service, pointing at the revision's istiod once it runs, as the chart would render them", () => {
    const webhook = kubernetesObjects(run("prod")).get("MutatingWebhookConfiguration /istio-revision-tag-prod-stable");
    const service = kubernetesObjects(run("prod")).get("Service istio-system/istiod-revision-tag-prod-stable");
    const labels = { "istio.io/tag": "prod-stable", "istio.io/rev": "1-30-3" };
    const injector = { service: { name: "istiod-1-30-3", namespace: "istio-system", path: "/inject", port: 443 } };
    expect(webhook?.inputs).toMatchObject({
      metadata: { labels },
      webhooks: [
        { name: "rev.namespace.sidecar-injector.istio.io", clientConfig: injector, failurePolicy: "Fail", namespaceSelector: { matchExpressions: [{ key: "istio.io/rev", operator: "In", values: ["prod-stable"] }, { key: "istio-injection", operator: "DoesNotExist" }] } },
        { name: "rev.object.sidecar-injector.istio.io", clientConfig: injector, failurePolicy: "Fail", objectSelector: { matchExpressions: [{ key: "sidecar.istio.io/inject", operator: "NotIn", values: ["false"] }, { key: "istio.io/rev", operator: "In", values: ["prod-stable"] }] } },
      ],
    });
    expect(service?.inputs).toMatchObject({ metadata: { labels }, spec: { selector: { app: "istiod", "istio.io/rev": "1-30-3" } } });
    for (const tagObject of [webhook, service]) expect(tagObject?.dependsOn).toContain(release("prod", "istiod").urn);
    for (const user of [kubernetesObjects(run("prod")).get("Namespace /shop"), release("prod", "istio-ingressgateway")]) expect(user?.dependsOn).toContain(webhook?.urn);
  });

  test("prod's istiod ServiceMonitor skips the tag's Service, which selects the same istiod pods", () => {
    const selector = (kubernetesObjects(run("prod")).get("ServiceMonitor monitoring/istiod")?.inputs.spec as { selector: Record<string, any> }).selector; // eslint-disable-line @typescript-eslint/no-explicit-any
    const tagLabels = (kubernetesObjects(run("prod")).get("Service istio-system/istiod-revision-tag-prod-stable")?.inputs.metadata as { labels: Record<string, string> }).labels;
    expect(Object.entries(selector.matchLabels).every(([key, value]) => tagLabels[key] === value)).toBe(true);
    expect(selector.matchExpressions).toEqual([{ key: "istio.io/tag", operator: "DoesNotExist" }]);
    expect(tagLabels["istio.io/tag"]).toBe("prod-stable");
  });

  test.each(["dev", "staging"])("%s runs the default revision: no tag objects, gateways without a revision, namespaces on istio-injection", (stack) => {
    expect(ofType(run(stack), "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration")).toEqual([]);
    expect(values(release(stack, "istiod")).revision).toBeUndefined();
    expect(values(release(stack, "istio-ingressgateway")).revision).toBeUndefined();
    expect(release(stack, "istio-base").inputs.values).toEqual({});
  });

  test("dev and staging use the default revision and istio-injection: enabled", () => {
    for (const stack of ["dev", "staging"]) {
      expect(values(release(stack, "istiod")).revision).toBeUndefined();
      const shop = kubernetesObjects(run(stack)).get("Namespace /shop");
      expect((shop?.inputs.metadata as { labels: Record<string, string> }).labels["istio-injection"]).toBe("enabled");
    }
  });
});

/** Namespaces whose deletion would take state or applications with it: volumes, CA keys, workloads deployed out of band. */
const holdingState = ["istio-system", "istio-ingress", "cert-manager", "monitoring", "observability", "shop", "argocd"];

function namespaces(stackRun: ProgramRun) {
  return new Map(ofType(stackRun, "kubernetes:core/v1:Namespace").map((registration) => [(registration.inputs.metadata as { name: string }).name, registration]));
}

describe("namespaces survive config changes in prod", () => {
  test("prod retains every namespace that holds state or applications, and only those", () => {
    const retained = [...namespaces(run("prod")).values()].filter((namespace) => namespace.retainOnDelete);
    expect(retained.map((namespace) => (namespace.inputs.metadata as { name: string }).name).sort()).toEqual([...holdingState].sort());
  });

  test("prod protects its app namespaces, and no platform namespace (turning an add-on off must still work)", () => {
    const protectedNames = [...namespaces(run("prod")).entries()].filter(([, namespace]) => namespace.protect).map(([name]) => name);
    // Argo CD's namespace holds the teams' Applications: protected like theirs.
    expect(protectedNames.sort()).toEqual(["argocd", "shop"]);
  });

  test.each(["dev", "staging"])("%s neither retains nor protects a namespace", (stack) => {
    for (const namespace of namespaces(run(stack)).values()) expect({ retainOnDelete: namespace.retainOnDelete, protect: namespace.protect }).toEqual({ retainOnDelete: false, protect: false });
  });

  test("the Jaeger volume keeps its own retainOnDelete in every stack that has one", () => {
    for (const claim of ofType(run("prod"), "kubernetes:core/v1:PersistentVolumeClaim")) expect(claim.retainOnDelete).toBe(true);
  });

  test("a prod stack that drops the protection fails the policy gate, naming the namespace, and the render names the config key", async () => {
    const unprotect = (config: Record<string, string>) => ({ ...config, "istio-mesh:kubernetes": JSON.stringify({ ...JSON.parse(config["istio-mesh:kubernetes"]), protectAppNamespaces: false }) });
    const run = await renderWithConfig("prod", unprotect);
    const violations = (await (await loadPolicyGate("prod"))(run.registrations)).filter((violation) => violation.enforcementLevel === "mandatory");
    expect(violations.map((violation) => violation.policyName)).toEqual(["istio-namespace-require-protection", "istio-namespace-require-protection"]);
    expect(violations.map((violation) => /Namespace (\w+): protect found false/.exec(violation.message)?.[1]).sort()).toEqual(["argocd", "shop"]);
    const prod = loadStackConfig(projectDir, "prod");
    const settings = offlineSettings(withMissingSecrets({ ...prod, config: unprotect(prod.config) }).stackConfig);
    for (const violation of withConfigKeys(violations, configKeyLookup(run.registrations, settings))) expect(violation.configKeys).toEqual(["kubernetes.protectAppNamespaces"]);
  });
});
