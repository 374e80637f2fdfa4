import { parse } from "yaml";
import { helmFiles } from "../../scripts/offline/helmFiles";
import { apiVersionOfType, manifestFiles } from "../../scripts/offline/manifestFiles";
import { autoName, type Registration } from "../../scripts/offline/mockEngine";

const providerUrn = "urn:pulumi:dev::istio-mesh::pulumi:providers:kubernetes::cluster";

function registration(type: string, name: string, inputs: Record<string, unknown>, overrides: Partial<Registration> = {}): Registration {
  return {
    type,
    name,
    urn: `urn:pulumi:dev::istio-mesh::${type}::${name}`,
    custom: true,
    inputs,
    dependsOn: [],
    protect: false,
    retainOnDelete: false,
    provider: `${providerUrn}::cluster-id`,
    ...overrides,
  };
}

const provider = registration("pulumi:providers:kubernetes", "cluster", { namespace: "platform" }, { urn: providerUrn, provider: undefined });

function filesByPath(files: { path: string; content: string }[]): Map<string, unknown> {
  return new Map(files.map((file) => [file.path, file.path.endsWith(".json") ? JSON.parse(file.content) : parse(file.content)]));
}

describe("apiVersionOfType", () => {
  it.each([
    ["kubernetes:core/v1:Namespace", "v1"],
    ["kubernetes:apps/v1:Deployment", "apps/v1"],
    ["kubernetes:networking.istio.io/v1:VirtualService", "networking.istio.io/v1"],
  ])("maps %s to %s", (type, apiVersion) => {
    expect(apiVersionOfType(type)).toBe(apiVersion);
  });
});

describe("manifestFiles", () => {
  it("takes apiVersion and kind from the type token when the inputs lack them", () => {
    const files = filesByPath(manifestFiles([registration("kubernetes:networking.istio.io/v1:Gateway", "web", { metadata: { name: "web", namespace: "shop" }, spec: { servers: [] } })]));

    expect(files.get("manifests/shop/Gateway-web.yaml")).toEqual({
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: "web", namespace: "shop" },
      spec: { servers: [] },
    });
  });

  it("names an unnamed object as the engine would and files it under its provider's namespace", () => {
    const type = "kubernetes:core/v1:ConfigMap";
    const files = manifestFiles([provider, registration(type, "settings", { metadata: {}, data: { a: "b" } })]);

    expect(files.map((file) => file.path)).toEqual([`manifests/platform/ConfigMap-${autoName("settings", type)}.yaml`]);
  });

  it.each([
    ["kubernetes:core/v1:Namespace", "Namespace"],
    ["kubernetes:cert-manager.io/v1:ClusterIssuer", "ClusterIssuer"],
  ])("files a cluster-scoped %s under manifests/_cluster", (type, kind) => {
    const files = manifestFiles([provider, registration(type, "scoped", { metadata: { name: "scoped" } })]);

    expect(files.map((file) => file.path)).toEqual([`manifests/_cluster/${kind}-scoped.yaml`]);
  });

  it("skips Helm releases, providers and components", () => {
    const release = registration("kubernetes:helm.sh/v3:Release", "istiod", { metadata: {} });
    const component = registration("istio-mesh:istio:Gateway", "ingress", {}, { custom: false });

    expect(manifestFiles([provider, release, component])).toEqual([]);
  });
});

describe("helmFiles", () => {
  it("writes a Release's values and the chart reference helm template needs", () => {
    const release = registration("kubernetes:helm.sh/v3:Release", "istio-istiod", {
      name: "istiod",
      chart: "istiod",
      version: "1.30.4",
      namespace: "istio-system",
      repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
      values: { pilot: { autoscaleMin: 2 } },
    });
    const files = filesByPath(helmFiles([release]));

    expect(files.get("helm/istiod/values.yaml")).toEqual({ pilot: { autoscaleMin: 2 } });
    expect(files.get("helm/istiod/chart.json")).toEqual({
      release: "istiod",
      chart: "istiod",
      repository: "https://istio-release.storage.googleapis.com/charts",
      version: "1.30.4",
      namespace: "istio-system",
    });
  });

  it("turns the cert-manager component into Jetstack's chart, with the values its typed inputs leave", () => {
    const certManager = registration(
      "kubernetes-cert-manager:index:CertManager",
      "cert-manager",
      {
        installCRDs: true,
        replicaCount: 2,
        helmOptions: {
          name: "cert-manager",
          namespace: "cert-manager",
          version: "v1.19.1",
          values: { replicaCount: 1, prometheus: { enabled: true }, webhook: { replicaCount: 3 }, crds: { keep: true } },
        },
      },
      { custom: false, provider: undefined },
    );
    const files = filesByPath(helmFiles([certManager]));

    expect(files.get("helm/cert-manager/chart.json")).toEqual({
      release: "cert-manager",
      chart: "cert-manager",
      repository: "https://charts.jetstack.io",
      version: "v1.19.1",
      namespace: "cert-manager",
    });
    // prometheus and webhook are typed inputs left unset: the component drops what helmOptions.values said.
    expect(files.get("helm/cert-manager/values.yaml")).toEqual({ crds: { keep: true }, installCRDs: true, replicaCount: 2 });
  });
});
