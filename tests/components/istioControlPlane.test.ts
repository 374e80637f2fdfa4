import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { parseCpuMillicores, parseMemoryBytes } from "../../settings/quantity";
import { envoyStatsMatcher } from "../../components/alertRules";
import { byName, kubernetesObjects, ofType, releases, renderStack, stacks } from "../support/program";

const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderStack(stack));
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
  ])("release %s is chart %s 1.30.3 from Istio's repository in %s, atomic with a timeout", (name, chart, namespace) => {
    const inputs = release(stack, name).inputs;
    expect(inputs).toMatchObject({
      name,
      chart,
      version: "1.30.3",
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

  test("prod uses a revisioned istiod with a revision tag, and labels app namespaces with the tag", () => {
    expect(values(release("prod", "istiod"))).toMatchObject({ revision: "1-30-3", revisionTags: ["prod-stable"] });
    expect(values(release("prod", "istio-ingressgateway")).revision).toBe("1-30-3");
    expect(values(release("prod", "istio-base")).defaultRevision).toBe("1-30-3");
    const shop = kubernetesObjects(run("prod")).get("Namespace /shop");
    expect((shop?.inputs.metadata as { labels: Record<string, string> }).labels).toMatchObject({ "istio.io/rev": "prod-stable" });
    expect(run("prod").outputs.istiodRevision).toBe("1-30-3");
  });

  test("dev and staging use the default revision and istio-injection: enabled", () => {
    for (const stack of ["dev", "staging"]) {
      expect(values(release(stack, "istiod")).revision).toBeUndefined();
      const shop = kubernetesObjects(run(stack)).get("Namespace /shop");
      expect((shop?.inputs.metadata as { labels: Record<string, string> }).labels["istio-injection"]).toBe("enabled");
    }
  });
});
