import fc from "fast-check";
import { appPodStandIns, appServiceStandIns, injectedProxyImage, podStandIns, standInAnnotation, tlsSecretStandIns } from "../../../scripts/analysis/standIns";
import type { MeshServiceSettings } from "../../../settings/meshTypes";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";

type Json = Record<string, unknown>;

const proxyImage = "docker.io/istio/proxyv2:1.30.4";

/** A gateway Deployment as Istio's gateway chart renders it: the proxy comes from the injector (`image: auto`). */
function gatewayDeployment(name = "istio-ingressgateway", namespace = "istio-ingress"): Json {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      selector: { matchLabels: { istio: "ingressgateway" } },
      template: {
        metadata: { labels: { istio: "ingressgateway", "sidecar.istio.io/inject": "true" }, annotations: { "inject.istio.io/templates": "gateway" } },
        spec: { serviceAccountName: name, containers: [{ name: "istio-proxy", image: "auto", ports: [{ containerPort: 15090 }] }] },
      },
    },
  };
}

function meshService(overrides: Partial<MeshServiceSettings> = {}): MeshServiceSettings {
  return { name: "api", namespace: "shop", port: 8080, hosts: [], subsets: [], routes: [], allow: [], ...overrides } as unknown as MeshServiceSettings;
}

const metadataOf = (object: Json) => object.metadata as { name: string; namespace: string; labels?: Json; annotations: Json };
const containersOf = (object: Json) => (object.spec as { containers: Json[] }).containers;

describe("Pods stand in for the Deployments' pods", () => {
  test("a Deployment's pod runs in its namespace with the template's labels, annotations and spec, marked as a stand-in", () => {
    const [pod] = podStandIns([gatewayDeployment()], proxyImage);
    expect(pod.object).toMatchObject({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "istio-ingressgateway-stand-in", namespace: "istio-ingress", labels: { istio: "ingressgateway", "sidecar.istio.io/inject": "true" } },
      spec: { serviceAccountName: "istio-ingressgateway" },
    });
    expect(metadataOf(pod.object).annotations).toEqual({ "inject.istio.io/templates": "gateway", [standInAnnotation]: "a Pod of Deployment istio-ingress/istio-ingressgateway" });
    expect(pod.derivedFrom).toBe("Deployment istio-ingress/istio-ingressgateway");
  });

  test("the proxy the injector writes replaces `image: auto`, as in a running pod; other containers keep their image", () => {
    const deployment = gatewayDeployment();
    const template = (deployment.spec as { template: { spec: { containers: Json[] } } }).template.spec;
    template.containers.push({ name: "app", image: "auto" });
    const [pod] = podStandIns([deployment], proxyImage);
    expect(containersOf(pod.object).map((container) => [container.name, container.image])).toEqual([["istio-proxy", proxyImage], ["app", "auto"]]);
  });

  test("without an injector the pod keeps `image: auto`, and istioctl reports it", () => {
    const [pod] = podStandIns([gatewayDeployment()], undefined);
    expect(containersOf(pod.object)[0].image).toBe("auto");
  });

  test("objects that are not Deployments get no Pod", () => {
    expect(podStandIns([{ kind: "Service", metadata: { name: "x" } }, { kind: "StatefulSet", metadata: { name: "y" } }], proxyImage)).toEqual([]);
  });

  test("property: one Pod per Deployment, in its namespace, named after it", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(kubernetesName(), kubernetesName()), { minLength: 1, maxLength: 5, selector: ([name, namespace]) => `${namespace}/${name}` }), (names) => {
        const pods = podStandIns(names.map(([name, namespace]) => gatewayDeployment(name, namespace)), proxyImage);
        expect(pods.map((pod) => `${metadataOf(pod.object).namespace}/${metadataOf(pod.object).name}`)).toEqual(names.map(([name, namespace]) => `${namespace}/${name}-stand-in`));
      }),
      propertyRuns,
    );
  });
});

describe("the injector's proxy image", () => {
  const injector = (values: Json): Json => ({ kind: "ConfigMap", metadata: { name: "istio-sidecar-injector-1-30-4", namespace: "istio-system" }, data: { values: JSON.stringify(values) } });

  test("is <hub>/<proxy.image>:<tag> of the injector ConfigMap's values", () => {
    expect(injectedProxyImage([injector({ global: { hub: "docker.io/istio", tag: "1.30.4", proxy: { image: "proxyv2" } } })])).toBe(proxyImage);
  });

  test("is proxy.image itself when that names a registry", () => {
    expect(injectedProxyImage([injector({ global: { hub: "docker.io/istio", tag: "1.30.4", proxy: { image: "registry.example.com/proxy:7" } } })])).toBe("registry.example.com/proxy:7");
  });

  test("is unknown without an injector ConfigMap", () => {
    expect(injectedProxyImage([{ kind: "ConfigMap", metadata: { name: "istio" }, data: {} }])).toBeUndefined();
  });
});

describe("TLS Secrets stand in for what cert-manager writes", () => {
  test("each Certificate's secretName, in its namespace, typed kubernetes.io/tls, with no data", () => {
    const certificate = { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "api", namespace: "istio-ingress" }, spec: { secretName: "api-example-com-tls" } };
    const [secret] = tlsSecretStandIns([certificate, { apiVersion: "example.com/v1", kind: "Certificate", metadata: { name: "other" }, spec: { secretName: "no" } }]);
    expect(secret.object).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      type: "kubernetes.io/tls",
      metadata: { name: "api-example-com-tls", namespace: "istio-ingress", annotations: { [standInAnnotation]: "the TLS Secret cert-manager writes for Certificate istio-ingress/api" } },
    });
    expect(secret.derivedFrom).toBe("Certificate istio-ingress/api");
    expect(tlsSecretStandIns([certificate])).toHaveLength(1);
  });
});

describe("the application's Services and pods stand in for what the app team deploys", () => {
  test("a Service selecting app: <name> on the configured port, named for HTTP", () => {
    const [service] = appServiceStandIns([meshService()]);
    expect(service.object).toMatchObject({
      kind: "Service",
      metadata: { name: "api", namespace: "shop" },
      spec: { selector: { app: "api" }, ports: [{ name: "http", port: 8080, targetPort: 8080 }] },
    });
    expect(service.derivedFrom).toBe("mesh.services[0]");
  });

  test("one pod per subset with the subset's labels, with the injected proxy, running as the service's account", () => {
    const pods = appPodStandIns([meshService({ subsets: [{ name: "stable", labels: { version: "stable" } }, { name: "canary", labels: { track: "canary" } }] })], proxyImage);
    expect(pods.map((pod) => metadataOf(pod.object).labels)).toEqual([{ app: "api", version: "stable" }, { app: "api", track: "canary" }]);
    expect(pods.map((pod) => pod.standsFor)).toEqual(["a pod of the application shop/api (subset stable)", "a pod of the application shop/api (subset canary)"]);
    expect(containersOf(pods[0].object).map((container) => container.name)).toEqual(["api", "istio-proxy"]);
    expect(pods[0].object).toMatchObject({ spec: { serviceAccountName: "api" } });
  });

  test("one pod labelled app: <name> for a service without subsets", () => {
    const pods = appPodStandIns([meshService({ name: "worker" })], proxyImage);
    expect(pods.map((pod) => [metadataOf(pod.object).name, metadataOf(pod.object).labels])).toEqual([["worker-stand-in", { app: "worker" }]]);
  });
});
