/**
 * One factory per Argo CD kind, each building a compliant resource as the engine sends it (type token + props):
 * team `storefront` deploying from its repository into `shop`, in Argo CD's namespace `argocd`.
 */
import { istioHealthChecks } from "../../components/argocdHealthChecks";
import type { OfflineResource } from "../../policy-pack/offline";

function resource(type: string, name: string, props: Record<string, unknown>): OfflineResource {
  return { type, name, urn: `urn:pulumi:test::istio-mesh::${type}::${name}`, props, dependencies: [] };
}

export const repository = "https://github.com/example/storefront-deploy.git";
export const inCluster = "https://kubernetes.default.svc";

export const appProject = (name = "storefront", namespaces: readonly string[] = ["shop"]): OfflineResource =>
  resource("kubernetes:argoproj.io/v1alpha1:AppProject", `${name}-project`, {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AppProject",
    metadata: { name, namespace: "argocd" },
    spec: {
      sourceRepos: [repository],
      destinations: namespaces.map((namespace) => ({ server: inCluster, namespace })),
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        { group: "apps", kind: "Deployment" },
        { group: "", kind: "Service" },
        { group: "networking.istio.io", kind: "VirtualService" },
        { group: "networking.istio.io", kind: "DestinationRule" },
        { group: "security.istio.io", kind: "AuthorizationPolicy" },
      ],
      namespaceResourceBlacklist: [
        { group: "security.istio.io", kind: "PeerAuthentication" },
        { group: "networking.istio.io", kind: "EnvoyFilter" },
        { group: "networking.istio.io", kind: "Sidecar" },
      ],
    },
  });

/** `syncPolicy` null: none (manual sync). */
export const application = (name = "storefront", syncPolicy: Record<string, unknown> | null = { automated: { prune: true, selfHeal: true } }): OfflineResource =>
  resource("kubernetes:argoproj.io/v1alpha1:Application", name, {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name, namespace: "argocd" },
    spec: {
      project: "storefront",
      source: { repoURL: repository, path: "overlays/dev", targetRevision: "main" },
      destination: { server: inCluster, namespace: "shop" },
      ...(syncPolicy === null ? {} : { syncPolicy }),
    },
  });

export const applicationSet = (syncPolicy: Record<string, unknown> | null = { automated: { prune: true, selfHeal: true } }): OfflineResource =>
  resource("kubernetes:argoproj.io/v1alpha1:ApplicationSet", "storefront-envs", {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "ApplicationSet",
    metadata: { name: "storefront-envs", namespace: "argocd" },
    spec: {
      generators: [{ list: { elements: [{ env: "dev" }] } }],
      template: {
        metadata: { name: "storefront-{{env}}" },
        spec: {
          project: "storefront",
          source: { repoURL: repository, path: "overlays/{{env}}", targetRevision: "main" },
          destination: { server: inCluster, namespace: "shop" },
          ...(syncPolicy === null ? {} : { syncPolicy }),
        },
      },
    },
  });

/** The argo-cd release with the health checks the stack writes. */
export const argocdRelease = (cm: Record<string, string> = istioHealthChecks()): OfflineResource =>
  resource("kubernetes:helm.sh/v3:Release", "argocd-release", {
    name: "argocd",
    chart: "argo-cd",
    version: "10.1.1",
    namespace: "argocd",
    repositoryOpts: { repo: "https://argoproj.github.io/argo-helm" },
    values: { configs: { cm, params: { "server.insecure": true } } },
  });

/** An existing Argo CD's argocd-cm, patched server-side with the health checks. */
export const argocdConfigPatch = (data: Record<string, string> = istioHealthChecks()): OfflineResource =>
  resource("kubernetes:core/v1:ConfigMapPatch", "argocd-config", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "argocd-cm", namespace: "argocd" }, data });
