import type { IngressSettings, MeshSettings } from "../../../settings/mesh";
import { gatewayCredentialName } from "../../../settings/certificateNames";
import { hostMatches } from "../../../settings/mesh";
import { ingressGateway, serviceHost } from "../../names";
import type { Spec } from "./common";
import { acmeChallengePrefix, httpsPortName, ingressGatewayResourceName, notPrefixRegex } from "./gateway";

/**
 * The Gateway API ingress (`mesh.ingress.api: gateway-api`), Istio's manual deployment model: a Gateway of class
 * `istio` whose one address names the Service of the ingress gateway this program installs, so the pods, their
 * service account, labels, replicas and budgets stay those of the Istio ingress. Kept apart from Istio's own
 * `networking.istio.io` Gateway: these kinds live in `gateway.networking.k8s.io`.
 */

/** The Gateway API kinds the program creates, with the (standard-channel) API version of each. */
export const gatewayApiKinds = {
  Gateway: "gateway.networking.k8s.io/v1",
  HTTPRoute: "gateway.networking.k8s.io/v1",
} as const;
export type GatewayApiKind = keyof typeof gatewayApiKinds;
export const gatewayApiGroup = "gateway.networking.k8s.io";

/** One Gateway API object to create: kind, explicit `metadata.name` and namespace, and spec. */
export interface GatewayApiObject {
  readonly kind: GatewayApiKind;
  readonly name: string;
  readonly namespace: string;
  readonly spec: Spec;
}

/** The object as the Kubernetes API receives it. */
export function gatewayApiManifest(object: GatewayApiObject): { apiVersion: string; kind: string; metadata: { name: string; namespace: string }; spec: Spec } {
  return { apiVersion: gatewayApiKinds[object.kind], kind: object.kind, metadata: { name: object.name, namespace: object.namespace }, spec: object.spec };
}

/** The GatewayClass istiod creates for its own gateway controller. */
export const istioGatewayClass = "istio";
/** The listener the HTTPS redirect (and, without it, plain HTTP routes) attach to. */
export const httpListenerName = "http";
/** The label Kubernetes puts on every Namespace with its own name; `allowedRoutes` selects app namespaces by it. */
export const namespaceNameLabel = "kubernetes.io/metadata.name";

/** Where routes bind: the Gateway's namespace and name, and the listener (`sectionName`) for each ingress host. */
export interface GatewayApiBinding {
  readonly namespace: string;
  readonly name: string;
  /** `https-<host's secret stem>` for every ingress host. */
  readonly httpsListeners: Readonly<Record<string, string>>;
  /** Plain HTTP carries routes only when the ingress does not redirect it to HTTPS. */
  readonly httpRoutes: boolean;
}

export function gatewayApiBinding(ingress: IngressSettings): GatewayApiBinding {
  return {
    namespace: ingressGateway.namespace,
    name: ingressGatewayResourceName,
    httpsListeners: Object.fromEntries(ingress.hosts.map((host) => [host, httpsPortName(host)])),
    httpRoutes: !ingress.httpsRedirect,
  };
}

/** The listeners (by `sectionName`) a service host attaches to: every HTTPS listener whose hostname covers it, and plain HTTP without the redirect. */
export function listenersFor(binding: GatewayApiBinding, host: string): string[] {
  const https = Object.entries(binding.httpsListeners).filter(([listenerHost]) => hostMatches(listenerHost, host)).map(([, name]) => name);
  return binding.httpRoutes ? [...https, httpListenerName] : https;
}

function allowedRoutes(namespaces: readonly string[]): Spec {
  const from =
    namespaces.length === 0
      ? { from: "Same" }
      : { from: "Selector", selector: { matchExpressions: [{ key: namespaceNameLabel, operator: "In", values: [...namespaces] }] } };
  return { namespaces: from, kinds: [{ group: gatewayApiGroup, kind: "HTTPRoute" }] };
}

/**
 * The ingress Gateway: one HTTPS listener per host, terminating TLS with the Secret cert-manager writes for it in
 * the gateway's namespace (no cross-namespace reference, so no ReferenceGrant), routes admitted from the app
 * namespaces only; one HTTP listener that only the redirect (in the gateway's namespace) uses, or the app routes
 * when the ingress does not redirect.
 */
export function ingressGatewayApiSpec(ingress: IngressSettings, appNamespaces: readonly string[]): Spec {
  return {
    gatewayClassName: istioGatewayClass,
    addresses: [{ type: "Hostname", value: serviceHost(ingressGateway.releaseName, ingressGateway.namespace) }],
    listeners: [
      ...ingress.hosts.map((host) => ({
        name: httpsPortName(host),
        hostname: host,
        port: 443,
        protocol: "HTTPS",
        tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: gatewayCredentialName(host) }] },
        allowedRoutes: allowedRoutes(appNamespaces),
      })),
      { name: httpListenerName, port: 80, protocol: "HTTP", allowedRoutes: ingress.httpsRedirect ? { namespaces: { from: "Same" }, kinds: [{ group: gatewayApiGroup, kind: "HTTPRoute" }] } : allowedRoutes(appNamespaces) },
    ],
  };
}

/**
 * Port 80 to HTTPS (301, the scheme's default port) for the ingress hosts; with the ACME HTTP-01 solver every
 * path but the challenge's, which Istio's Ingress support (the solver's Ingress, class `istio`) answers.
 * Undefined without the redirect.
 */
export function httpsRedirectRouteSpec(ingress: IngressSettings): Spec | undefined {
  if (!ingress.httpsRedirect) return undefined;
  const path = ingress.acmeHttp01 ? { type: "RegularExpression", value: notPrefixRegex(acmeChallengePrefix) } : { type: "PathPrefix", value: "/" };
  return {
    parentRefs: [{ group: gatewayApiGroup, kind: "Gateway", name: ingressGatewayResourceName, sectionName: httpListenerName }],
    hostnames: [...ingress.hosts],
    rules: [{ name: "https-redirect", matches: [{ path }], filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
  };
}

export interface GatewayApiIngressObjects {
  readonly gateway: GatewayApiObject;
  readonly redirect?: GatewayApiObject;
  readonly binding: GatewayApiBinding;
}

/** The ingress Gateway and its redirect route, in the gateway workload's namespace. */
export function gatewayApiIngressObjects(ingress: IngressSettings, appNamespaces: readonly string[]): GatewayApiIngressObjects {
  const namespace = ingressGateway.namespace;
  const redirect = httpsRedirectRouteSpec(ingress);
  return {
    gateway: { kind: "Gateway", name: ingressGatewayResourceName, namespace, spec: ingressGatewayApiSpec(ingress, appNamespaces) },
    redirect: redirect && { kind: "HTTPRoute", name: `${ingressGatewayResourceName}-https-redirect`, namespace, spec: redirect },
    binding: gatewayApiBinding(ingress),
  };
}

/**
 * What istiod's meshConfig carries for the Gateway API ingress, whose standard channel has no field for either:
 * the minimum TLS version of the HTTPS listeners (`tlsDefaults`, applied by Istio to every SIMPLE and MUTUAL
 * gateway server) and the ingress routes' retry policy (`defaultHttpRetryPolicy`, applied to routes that state
 * none). Empty for the Istio ingress, whose Gateway and VirtualServices state both. Without a configured minimum no
 * `tlsDefaults` is set, and Envoy accepts TLS 1.2 and 1.3, as on the Istio ingress.
 */
export function gatewayApiMeshConfig(mesh: Pick<MeshSettings, "ingress" | "ingressRetries">): Spec {
  if (mesh.ingress.api !== "gateway-api") return {};
  return {
    ...(mesh.ingress.minProtocolVersion === undefined ? {} : { tlsDefaults: { minProtocolVersion: mesh.ingress.minProtocolVersion } }),
    ...(mesh.ingressRetries === undefined ? {} : { defaultHttpRetryPolicy: { ...mesh.ingressRetries } }),
  };
}
