/**
 * One factory per kind, each building a compliant resource as the engine sends it (type token + props).
 * Tests change one field of these with `withField` and state the case in the test name.
 */
import { istioKinds } from "../../components/mesh/specs/common";
import { OfflineResource } from "../../policy-pack/offline";

type Spec = Record<string, unknown>;

function resource(type: string, name: string, props: Record<string, unknown>): OfflineResource {
  return { type, name, urn: `urn:pulumi:test::istio-mesh::${type}::${name}`, props, dependencies: [] };
}

export function istioResource(kind: string, namespace: string, name: string, spec: Spec): OfflineResource {
  const apiVersion = istioKinds[kind as keyof typeof istioKinds];
  return resource(`kubernetes:${apiVersion}:${kind}`, `${namespace}-${name}`, { apiVersion, kind, metadata: { name, namespace }, spec });
}

export const virtualService = (namespace = "shop", name = "reviews"): OfflineResource =>
  istioResource("VirtualService", namespace, name, {
    hosts: ["reviews"],
    http: [{
      route: [
        { destination: { host: "reviews", subset: "v1" }, weight: 90 },
        { destination: { host: "reviews", subset: "v2" }, weight: 10 },
      ],
      timeout: "10s",
      retries: { attempts: 3, perTryTimeout: "2s" },
      corsPolicy: { allowOrigins: [{ exact: "https://shop.example.com" }], allowMethods: ["GET"], allowHeaders: ["content-type"] },
    }],
  });

export const destinationRule = (namespace = "shop", name = "reviews"): OfflineResource =>
  istioResource("DestinationRule", namespace, name, {
    host: "reviews",
    trafficPolicy: {
      tls: { mode: "ISTIO_MUTUAL" },
      outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
    },
    subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }],
  });

export const gateway = (namespace = "shop", name = "shop-gateway"): OfflineResource =>
  istioResource("Gateway", namespace, name, {
    selector: { istio: "ingressgateway" },
    servers: [{
      port: { number: 443, name: "https", protocol: "HTTPS" },
      hosts: ["shop.example.com"],
      tls: { mode: "SIMPLE", credentialName: "shop-tls", minProtocolVersion: "TLSV1_3" },
    }],
  });

export const serviceEntry = (namespace = "shop", name = "payments-api"): OfflineResource =>
  istioResource("ServiceEntry", namespace, name, {
    hosts: ["api.payments.example.com"],
    location: "MESH_EXTERNAL",
    resolution: "DNS",
    ports: [{ number: 443, name: "https", protocol: "HTTPS" }],
  });

export const peerAuthentication = (namespace = "shop", name = "default"): OfflineResource =>
  istioResource("PeerAuthentication", namespace, name, { mtls: { mode: "STRICT" } });

export const authorizationPolicy = (namespace = "shop", name = "reviews-allow"): OfflineResource =>
  istioResource("AuthorizationPolicy", namespace, name, {
    selector: { matchLabels: { app: "reviews" } },
    action: "ALLOW",
    rules: [{
      from: [{ source: { principals: ["cluster.local/ns/shop/sa/productpage"] } }],
      to: [{ operation: { methods: ["GET"], paths: ["/reviews/*"] } }],
    }],
  });

export const requestAuthentication = (namespace = "shop", name = "jwt"): OfflineResource =>
  istioResource("RequestAuthentication", namespace, name, {
    selector: { matchLabels: { app: "reviews" } },
    jwtRules: [{ issuer: "https://auth.example.com", jwksUri: "https://auth.example.com/.well-known/jwks.json" }],
  });

export const envoyFilter = (namespace = "shop", name = "local-rate-limit"): OfflineResource =>
  istioResource("EnvoyFilter", namespace, name, {
    workloadSelector: { labels: { app: "reviews" } },
    priority: 10,
    configPatches: [{
      applyTo: "HTTP_FILTER",
      match: { context: "SIDECAR_INBOUND", listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } } },
      patch: {
        operation: "INSERT_BEFORE",
        value: {
          name: "envoy.filters.http.local_ratelimit",
          typed_config: {
            "@type": "type.googleapis.com/udpa.type.v1.TypedStruct",
            type_url: "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
            value: { stat_prefix: "http_local_rate_limiter", token_bucket: { max_tokens: 100, tokens_per_fill: 100, fill_interval: "1s" } },
          },
        },
      },
    }],
  });

export const telemetry = (namespace = "istio-system", name = "mesh-default"): OfflineResource =>
  istioResource("Telemetry", namespace, name, { tracing: [{ providers: [{ name: "otel" }], randomSamplingPercentage: 1 }] });

export const sidecar = (namespace = "shop", name = "default"): OfflineResource =>
  istioResource("Sidecar", namespace, name, { egress: [{ hosts: ["./*", "istio-system/*"] }] });

export const namespace = (name = "shop", labels: Record<string, string> = { "istio-injection": "enabled" }): OfflineResource =>
  resource("kubernetes:core/v1:Namespace", name, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } });

export const certificate = (namespace = "istio-ingress", secretName = "shop-tls"): OfflineResource =>
  resource("kubernetes:cert-manager.io/v1:Certificate", `${namespace}-${secretName}`, {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: { name: secretName, namespace },
    spec: { secretName, dnsNames: ["shop.example.com"], issuerRef: { name: "letsencrypt", kind: "ClusterIssuer" } },
  });

const boundedResources = { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1000m", memory: "2Gi" } };

export const istiodRelease = (): OfflineResource =>
  resource("kubernetes:helm.sh/v3:Release", "istiod", {
    name: "istiod",
    chart: "istiod",
    version: "1.30.4",
    namespace: "istio-system",
    repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
    values: {
      autoscaleMin: 2,
      resources: boundedResources,
      env: { BLOCKED_CIDRS_IN_JWKS_URIS: "127.0.0.0/8,169.254.0.0/16" },
      meshConfig: {
        accessLogEncoding: "JSON",
        accessLogFormat: '{"status":"%RESPONSE_CODE%","path":"%REQ(:PATH)%"}',
        outboundTrafficPolicy: { mode: "REGISTRY_ONLY" },
        meshMTLS: { minProtocolVersion: "TLSV1_3" },
      },
    },
    atomic: true,
    timeout: 600,
  });

export const gatewayRelease = (name = "istio-ingressgateway", namespace = "istio-ingress", label = "ingressgateway"): OfflineResource =>
  resource("kubernetes:helm.sh/v3:Release", name, {
    name,
    chart: "gateway",
    version: "1.30.4",
    namespace,
    repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
    values: { labels: { istio: label }, autoscaling: { minReplicas: 2 }, podDisruptionBudget: { minAvailable: 1 }, resources: boundedResources },
    atomic: true,
    timeout: 600,
  });

/** A revision tag webhook the stack owns, labelled the way istiod's tag watcher and `istioctl tag list` find it. */
export const tagWebhook = (tag = "prod-stable", revision = "1-30-3"): OfflineResource =>
  resource("kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration", `istio-revision-tag-${tag}`, {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "MutatingWebhookConfiguration",
    metadata: { name: `istio-revision-tag-${tag}`, labels: { "istio.io/tag": tag, "istio.io/rev": revision } },
    webhooks: [{ name: "rev.namespace.sidecar-injector.istio.io", clientConfig: { service: { name: `istiod-${revision}`, namespace: "istio-system", path: "/inject" } } }],
  });

export const certManager = (): OfflineResource =>
  resource("kubernetes-cert-manager:index:CertManager", "cert-manager", {
    helmOptions: { name: "cert-manager", namespace: "cert-manager", version: "v1.21.1", values: {} },
  });

/** A Kubernetes object of the core or apps API as the engine sends it (`kubernetes:core/v1:Pod`). */
export function kubernetesObject(apiVersion: string, kind: string, namespace: string | undefined, name: string, body: Record<string, unknown>, metadata: Record<string, unknown> = {}): OfflineResource {
  const group = apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`;
  return resource(`kubernetes:${group}:${kind}`, `${namespace ?? ""}-${name}`, { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}), ...metadata }, ...body });
}

/** A Pod with one application container. */
export const pod = (namespace = "shop", name = "reviews-v1", labels: Record<string, string> = { app: "reviews", version: "v1" }, spec: Record<string, unknown> = {}): OfflineResource =>
  kubernetesObject("v1", "Pod", namespace, name, { spec: { containers: [{ name: "app", image: "registry.example.com/reviews:1.0" }], ...spec } }, { labels });

/** A Deployment whose pods carry `labels`. */
export const deployment = (namespace = "shop", name = "reviews-v1", labels: Record<string, string> = { app: "reviews", version: "v1" }, podSpec: Record<string, unknown> = {}): OfflineResource =>
  kubernetesObject("apps/v1", "Deployment", namespace, name, {
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "registry.example.com/reviews:1.0" }], ...podSpec } } },
  });

/** A ClusterIP Service selecting `selector`, with named ports. */
export const service = (namespace = "shop", name = "reviews", selector: Record<string, string> = { app: "reviews" }, ports: Array<Record<string, unknown>> = [{ name: "http", port: 9080, targetPort: 9080 }]): OfflineResource =>
  kubernetesObject("v1", "Service", namespace, name, { spec: { selector, ports } });

/** A Gateway API object (gateway.networking.k8s.io/v1) as the engine sends it. */
export function gatewayApiObject(kind: string, namespace: string, name: string, spec: Spec): OfflineResource {
  const apiVersion = "gateway.networking.k8s.io/v1";
  return resource(`kubernetes:${apiVersion}:${kind}`, `${namespace}-${name}`, { apiVersion, kind, metadata: { name, namespace }, spec });
}

/** The Gateway API ingress: class istio, bound to the ingress gateway's Service, HTTPS for shop.example.com (Secret shop-tls) and HTTP. */
export const gatewayApiGateway = (namespace = "istio-ingress", name = "ingress"): OfflineResource =>
  gatewayApiObject("Gateway", namespace, name, {
    gatewayClassName: "istio",
    addresses: [{ type: "Hostname", value: "istio-ingressgateway.istio-ingress.svc.cluster.local" }],
    listeners: [
      {
        name: "https-shop",
        hostname: "shop.example.com",
        port: 443,
        protocol: "HTTPS",
        tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: "shop-tls" }] },
        allowedRoutes: { namespaces: { from: "Selector", selector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["shop"] }] } }, kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }] },
      },
      { name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Same" } } },
    ],
  });

/** An HTTPRoute in shop on the HTTPS listener, 90/10 over the reviews versions' Services. */
export const httpRoute = (namespace = "shop", name = "reviews-ingress"): OfflineResource =>
  gatewayApiObject("HTTPRoute", namespace, name, {
    parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", namespace: "istio-ingress", name: "ingress", sectionName: "https-shop" }],
    hostnames: ["shop.example.com"],
    rules: [
      {
        name: "primary",
        matches: [{ path: { type: "PathPrefix", value: "/" } }],
        backendRefs: [
          { group: "", kind: "Service", name: "reviews-v1", port: 9080, weight: 90 },
          { group: "", kind: "Service", name: "reviews-v2", port: 9080, weight: 10 },
        ],
        timeouts: { request: "10s" },
      },
    ],
  });

/** A Service `name` on `port` selecting the reviews pods of one version (`reviews-v1`: version v1), labelled as a version of `reviews`, as the Gateway API ingress makes. */
export const versionService = (namespace = "shop", name = "reviews-v1", port = 9080): OfflineResource =>
  kubernetesObject(
    "v1",
    "Service",
    namespace,
    name,
    { spec: { selector: { app: "reviews", version: name.split("-").pop() ?? "" }, ports: [{ name: "http", port, targetPort: port }] } },
    { labels: { "istio-mesh.io/version-of": "reviews" } },
  );

/** Lets HTTPRoutes of `fromNamespace` refer to Services in `namespace`. */
export const referenceGrant = (namespace = "backends", fromNamespace = "shop"): OfflineResource =>
  gatewayApiObject("ReferenceGrant", namespace, `from-${fromNamespace}`, {
    from: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", namespace: fromNamespace }],
    to: [{ group: "", kind: "Service" }],
  });

/** A Gateway API CRD as the bundle ships it: bundle version and channel annotations. */
export const gatewayApiCrd = (plural = "httproutes", bundleVersion = "v1.5.1", channel = "standard"): OfflineResource =>
  resource("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", `${plural}.gateway.networking.k8s.io`, {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.gateway.networking.k8s.io`, annotations: { "gateway.networking.k8s.io/bundle-version": bundleVersion, "gateway.networking.k8s.io/channel": channel } },
    spec: { group: "gateway.networking.k8s.io", names: { kind: "HTTPRoute", plural }, scope: "Namespaced", versions: [] },
  });

/** istiod with the mesh-wide TLS minimum the Gateway API ingress relies on. */
export const istiodReleaseWithTlsDefaults = (minProtocolVersion = "TLSV1_3"): OfflineResource => {
  const release = istiodRelease();
  const values = release.props.values as { meshConfig: Record<string, unknown> };
  values.meshConfig.tlsDefaults = { minProtocolVersion };
  return release;
};

/** A compliant Gateway API ingress stack: namespace, istiod, Gateway, Certificate, route and its two Services. */
export const gatewayApiStack = (): OfflineResource[] => [
  // Protected, as prod deploys app namespaces.
  { ...namespace("shop"), protect: true },
  namespace("istio-ingress"),
  istiodReleaseWithTlsDefaults(),
  gatewayApiGateway(),
  certificate(),
  httpRoute(),
  versionService("shop", "reviews-v1"),
  versionService("shop", "reviews-v2"),
];
