/**
 * The fixed names other resources, issues and users rely on: Helm release names, namespaces, workload labels
 * and service accounts. Renaming any of these replaces the resource (a Helm release rename orphans the CRDs it
 * owns), so every file takes them from here and none spells them again.
 */

export const istioChartRepository = "https://istio-release.storage.googleapis.com/charts";
/**
 * The Istio release every chart (and the istioctl of `npm run tools`) is pinned to. 1.30.4 fixed Envoy CVEs
 * (ISTIO-SECURITY-2026-006); its chart values, schemas and CRDs are byte-identical to 1.30.3's.
 */
export const istioVersion = "1.30.4";

/** Istio's root namespace: istiod, mesh-wide policies and the mesh-wide Telemetry live here. */
export const istioRootNamespace = "istio-system";
export const istioBaseReleaseName = "istio-base";
export const istiodReleaseName = "istiod";
export const trustDomain = "cluster.local";

export interface GatewayNames {
  /** Helm release name; the chart names the Deployment, Service and ServiceAccount after it. */
  readonly releaseName: string;
  readonly namespace: string;
  /** The label the gateway pods carry and Istio `Gateway` resources select. */
  readonly selector: Readonly<Record<string, string>>;
  /** SPIFFE principal of the gateway workload, as AuthorizationPolicies name it. */
  readonly principal: string;
}

function gatewayNames(releaseName: string, namespace: string, istioLabel: string): GatewayNames {
  return Object.freeze({
    releaseName,
    namespace,
    selector: Object.freeze({ istio: istioLabel }),
    principal: servicePrincipal(namespace, releaseName),
  });
}

export function servicePrincipal(namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

export const ingressGateway = gatewayNames("istio-ingressgateway", "istio-ingress", "ingressgateway");
export const egressGateway = gatewayNames("istio-egressgateway", "istio-egress", "egressgateway");

/** The labels that switch sidecar injection on for a namespace; Istio honours only one of them. */
export const injectionLabel = "istio-injection";
export const revisionLabel = "istio.io/rev";

/** Jaeger, where Envoy sends spans over OTLP; the observability stack installs it under these names. */
export const tracing = Object.freeze({
  namespace: "observability",
  releaseName: "jaeger",
  /** The jaeger chart names its all-in-one Service after the release's fullname (the release name here). */
  serviceName: "jaeger",
  otlpGrpcPort: 4317,
  /** The meshConfig extension provider a Telemetry resource names to turn tracing on. */
  extensionProviderName: "jaeger-otlp",
});

/** cert-manager: one release, fixed, in its own namespace (ClusterIssuer credentials Secrets live here too). */
export const certManager = Object.freeze({ namespace: "cert-manager", releaseName: "cert-manager" });

/**
 * kube-prometheus-stack with `fullnameOverride` equal to its release name, so the chart names the Prometheus
 * Service `<fullname>-prometheus`; Grafana (a subchart) gets its own `fullnameOverride`.
 */
export const monitoring = Object.freeze({
  namespace: "monitoring",
  releaseName: "kube-prometheus-stack",
  fullname: "kube-prometheus-stack",
  prometheusServiceName: "kube-prometheus-stack-prometheus",
  prometheusPort: 9090,
  alertmanagerServiceName: "kube-prometheus-stack-alertmanager",
  alertmanagerPort: 9093,
  grafanaServiceName: "grafana",
  grafanaPort: 80,
});

/** The Kubernetes IngressClass Istio serves through the `istio: ingressgateway` pods (ACME HTTP-01 challenges). */
export const gatewayIngressClass = "istio";

/** Jaeger's other ports on the same all-in-one Service as `tracing`. */
export const jaegerPorts = Object.freeze({ queryHttp: 16686, queryGrpc: 16685, otlpHttp: 4318 });

/** kiali-server names its Deployment and Service after `deployment.instance_name`; the UI is served under `webRoot`. */
export const kiali = Object.freeze({
  namespace: istioRootNamespace,
  releaseName: "kiali-server",
  serviceName: "kiali",
  port: 20001,
  webRoot: "/kiali",
});

/** The cluster's DNS domain (the kubelet's `clusterDomain`). */
export const clusterDomain = "cluster.local";

/** A Service's in-cluster DNS name. */
export function serviceHost(serviceName: string, namespace: string): string {
  return `${serviceName}.${namespace}.svc.${clusterDomain}`;
}

/** The cluster's DNS Service (CoreDNS keeps the name `kube-dns`); sidecars must reach it for DNS over TCP. */
export const kubeDns = Object.freeze({ namespace: "kube-system", serviceName: "kube-dns" });

/** The Kubernetes API server's Service, for workloads that call the API from inside the mesh. */
export const kubernetesApi = Object.freeze({ namespace: "default", serviceName: "kubernetes" });

/**
 * Argo CD from the argo-cd chart, release `argocd`: the chart's fullname is then `argocd` (the release name contains
 * its name), so its Services and pods are `argocd-<component>`, labelled `app.kubernetes.io/name: argocd-<component>`.
 */
export const argocd = Object.freeze({
  releaseName: "argocd",
  configMap: "argocd-cm",
  notificationsConfigMap: "argocd-notifications-cm",
  /** The API server and UI: Service port 80 (named `http`) to the container's 8080, plain HTTP with `server.insecure`. */
  server: Object.freeze({ name: "argocd-server", serviceAccount: "argocd-server", servicePort: 80, port: 8080 }),
  repoServer: Object.freeze({ name: "argocd-repo-server", serviceAccount: "argocd-repo-server", port: 8081 }),
  controller: Object.freeze({ name: "argocd-application-controller", serviceAccount: "argocd-application-controller" }),
  applicationSet: Object.freeze({ name: "argocd-applicationset-controller", serviceAccount: "argocd-applicationset-controller" }),
  notifications: Object.freeze({ name: "argocd-notifications-controller", serviceAccount: "argocd-notifications-controller" }),
  dex: Object.freeze({ name: "argocd-dex-server", serviceAccount: "argocd-dex-server", ports: [5556, 5557] }),
  /** Single Redis (dev, staging). */
  redis: Object.freeze({ name: "argocd-redis", port: 6379 }),
  /** redis-ha (the subchart, prod): clients reach the masters through HAProxy; sentinels listen on 26379. */
  redisHa: Object.freeze({
    haproxyLabels: Object.freeze({ "app.kubernetes.io/name": "argocd-redis-ha-haproxy" }),
    haproxyServiceAccount: "argocd-redis-ha-haproxy",
    serverLabels: Object.freeze({ app: "redis-ha" }),
    serverServiceAccount: "argocd-redis-ha",
    ports: [6379, 26379],
  }),
  /** The in-cluster API server as an Application destination. */
  inClusterServer: "https://kubernetes.default.svc",
});

/** The label selecting one Argo CD component's pods. */
export function argocdComponentLabels(component: { readonly name: string }): Record<string, string> {
  return { "app.kubernetes.io/name": component.name };
}
