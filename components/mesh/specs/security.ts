import type { ExternalServiceSettings, MeshServiceSettings } from "../../../settings/mesh";
import { egressGateway, ingressGateway, istioRootNamespace, kubeDns, kubernetesApi, serviceHost, tracing } from "../../names";
import { compact, type IstioObject, type Spec, workloadLabels } from "./common";
import { egressGatewayServiceHost } from "./egress";

/** Namespace-wide mTLS: STRICT, or PERMISSIVE where the stack allows plaintext (dev). */
export function peerAuthenticationSpec(mode: "STRICT" | "PERMISSIVE"): Spec {
  return { mtls: { mode } };
}

/** Istio's allow-nothing policy: an empty spec denies every request the ALLOW policies don't match. */
export function defaultDenySpec(): Spec {
  return {};
}

/** `<issuer>/*`: any subject of a token the RequestAuthentication validated for this issuer. */
export function requestPrincipalsOf(service: MeshServiceSettings): string[] | undefined {
  return service.jwt?.required ? [`${service.jwt.issuer}/*`] : undefined;
}

/**
 * The service's ALLOW rules, positive matches only: the ingress gateway's identity when the service has ingress
 * hosts, then the configured callers. Where JWT is mandatory every rule also requires a request principal.
 * Undefined when nothing may call the service (the namespace's default-deny applies).
 */
export function serviceAuthorizationSpec(service: MeshServiceSettings): Spec | undefined {
  const requestPrincipals = requestPrincipalsOf(service);
  const ingressRules = service.hosts.length === 0 ? [] : [{ principals: [ingressGateway.principal], methods: [], paths: [] }];
  const rules = [...ingressRules, ...service.allow].map((rule) =>
    compact({
      from: [{ source: compact({ principals: [...rule.principals], requestPrincipals }) }],
      to:
        rule.methods.length === 0 && rule.paths.length === 0
          ? undefined
          : [{ operation: compact({ methods: rule.methods.length === 0 ? undefined : [...rule.methods], paths: rule.paths.length === 0 ? undefined : [...rule.paths] }) }],
    }),
  );
  if (rules.length === 0) return undefined;
  return { selector: { matchLabels: workloadLabels(service) }, action: "ALLOW", rules };
}

/** JWT validation for the service's workloads: the issuer with exactly one key source. */
export function requestAuthenticationSpec(service: MeshServiceSettings): Spec | undefined {
  const jwt = service.jwt;
  if (jwt === undefined) return undefined;
  return {
    selector: { matchLabels: workloadLabels(service) },
    jwtRules: [
      compact({
        issuer: jwt.issuer,
        jwksUri: jwt.jwksUri,
        jwks: jwt.jwksUri === undefined ? jwt.jwks : undefined,
        audiences: jwt.audiences.length === 0 ? undefined : [...jwt.audiences],
        forwardOriginalToken: jwt.forwardOriginalToken || undefined,
      }),
    ],
  };
}

/** Who a namespace's workloads call beyond the mesh's own services. */
export interface SidecarReach {
  /** The Kubernetes API (`default/kubernetes`), from `namespaces[].kubernetesApi`. @defaultValue false */
  readonly kubernetesApi: boolean;
}

/**
 * What a namespace's proxies may reach, each as `<namespace>/<host>`: the namespace itself, istiod's namespace,
 * the tracing namespace (spans leave through it), the cluster DNS (DNS over TCP goes through the sidecar and,
 * under REGISTRY_ONLY, to the BlackHole cluster unless listed), the Kubernetes API when asked for, and the
 * externals other namespaces export to it (its own are in `./*`: listing one again is a duplicate Istio warns
 * about); plus the egress gateway's Service when one of the externals it sees is reached through it.
 */
export function sidecarEgressHosts(namespace: string, externals: readonly ExternalServiceSettings[], reach: SidecarReach = { kubernetesApi: false }): string[] {
  const visible = externals.filter((external) => external.exportTo.includes(namespace));
  const externalHosts = visible.filter((external) => external.namespace !== namespace).flatMap((external) => external.hosts.map((host) => `${external.namespace}/${host}`));
  const clusterHosts = [kubeDns, ...(reach.kubernetesApi ? [kubernetesApi] : [])].map((service) => `${service.namespace}/${serviceHost(service.serviceName, service.namespace)}`);
  const gatewayHosts = visible.some((external) => external.viaEgressGateway) ? [`${egressGateway.namespace}/${egressGatewayServiceHost}`] : [];
  return [...new Set(["./*", `${istioRootNamespace}/*`, `${tracing.namespace}/*`, ...clusterHosts, ...externalHosts, ...gatewayHosts])];
}

export function sidecarSpec(namespace: string, externals: readonly ExternalServiceSettings[], reach?: SidecarReach): Spec {
  return { egress: [{ hosts: sidecarEgressHosts(namespace, externals, reach) }] };
}

export interface NamespaceSecurityObjects {
  readonly peerAuthentication: IstioObject;
  readonly defaultDeny: IstioObject;
  readonly sidecar: IstioObject;
}

/** An app namespace's baseline: PeerAuthentication `default`, AuthorizationPolicy `default-deny`, Sidecar `default`. */
export function namespaceSecurityObjects(
  namespace: string,
  mtlsMode: "STRICT" | "PERMISSIVE",
  externals: readonly ExternalServiceSettings[],
  reach?: SidecarReach,
): NamespaceSecurityObjects {
  return {
    peerAuthentication: { kind: "PeerAuthentication", name: "default", namespace, spec: peerAuthenticationSpec(mtlsMode) },
    defaultDeny: { kind: "AuthorizationPolicy", name: "default-deny", namespace, spec: defaultDenySpec() },
    sidecar: { kind: "Sidecar", name: "default", namespace, spec: sidecarSpec(namespace, externals, reach) },
  };
}
