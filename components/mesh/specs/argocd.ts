import type { ArgocdSettings } from "../../../settings/argocd";
import type { IngressSettings } from "../../../settings/mesh";
import { argocd, argocdComponentLabels, ingressGateway, istioRootNamespace, kubeDns, kubernetesApi, servicePrincipal, serviceHost, tracing } from "../../names";
import { notificationHosts } from "../../argocd/argocdNotifications";
import { gatewayReference, type IstioObject, type Spec } from "./common";
import { defaultDenySpec, peerAuthenticationSpec } from "./security";
import { gatewayApiBinding, gatewayApiGroup, type GatewayApiObject, listenersFor } from "./gatewayApi";
import { ingressGatewayResourceName } from "./gateway";

/**
 * Argo CD's own traffic in the mesh: its namespace is STRICT and denies by default; ALLOW rules let through exactly
 * what Argo CD's components say to each other (server, controller, ApplicationSet and notifications controllers to
 * the repo server; those that cache to Redis; the server to Dex) and the ingress gateway to the server. Under
 * REGISTRY_ONLY the repo server reaches only the declared repositories' hosts, the notifications controller only the
 * alert receivers' and Dex only its identity providers', each through ServiceEntries visible to the namespace alone
 * and a Sidecar of its own.
 */

const principalOf = (namespace: string, serviceAccount: string) => servicePrincipal(namespace, serviceAccount);

function allow(namespace: string, name: string, selector: Readonly<Record<string, string>>, callers: readonly string[], ports: readonly number[]): IstioObject {
  return {
    kind: "AuthorizationPolicy",
    name,
    namespace,
    spec: {
      selector: { matchLabels: { ...selector } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: callers.map((account) => principalOf(namespace, account)) } }], to: [{ operation: { ports: ports.map(String) } }] }],
    },
  };
}

/** The ALLOW rules of the Argo CD namespace, one AuthorizationPolicy per component that is called. */
export function argocdAuthorizationPolicies(settings: ArgocdSettings): IstioObject[] {
  const { namespace } = settings;
  const { server, repoServer, controller, applicationSet, notifications, dex, redis, redisHa } = argocd;
  const redisClients = [server.serviceAccount, repoServer.serviceAccount, controller.serviceAccount];
  const policies = [
    allow(namespace, repoServer.name, argocdComponentLabels(repoServer), [server.serviceAccount, controller.serviceAccount, applicationSet.serviceAccount, notifications.serviceAccount], [repoServer.port]),
    ...(settings.highAvailability
      ? [
          allow(namespace, "argocd-redis-ha-haproxy", redisHa.haproxyLabels, redisClients, [redis.port]),
          allow(namespace, "argocd-redis-ha-server", redisHa.serverLabels, [redisHa.haproxyServiceAccount, redisHa.serverServiceAccount], redisHa.ports),
        ]
      : [allow(namespace, redis.name, argocdComponentLabels(redis), redisClients, [redis.port])]),
    ...(settings.dex.enabled ? [allow(namespace, dex.name, argocdComponentLabels(dex), [server.serviceAccount], dex.ports)] : []),
  ];
  if (settings.host === undefined) return policies;
  const gatewayRule: IstioObject = {
    kind: "AuthorizationPolicy",
    name: server.name,
    namespace,
    spec: {
      selector: { matchLabels: argocdComponentLabels(server) },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: [ingressGateway.principal] } }], to: [{ operation: { ports: [String(server.port)] } }] }],
    },
  };
  return [gatewayRule, ...policies];
}

/** What every Argo CD pod reaches: its own namespace's Services, istiod, the tracing collector, DNS and the Kubernetes API. */
export function argocdSidecarHosts(namespace: string): string[] {
  const cluster = [kubeDns, kubernetesApi].map((service) => `${service.namespace}/${serviceHost(service.serviceName, service.namespace)}`);
  return [`./*.${namespace}.svc.cluster.local`, `${istioRootNamespace}/*`, `${tracing.namespace}/*`, ...cluster];
}

/**
 * The host of a repository URL as the settings accept it (`https://<host>[:443][/<path>]`), as written: WHATWG URL
 * would map some hosts (IDNA) or reject them (an `xn--` label that is not punycode), which Argo CD's Go does not.
 */
const repositoryHost = (url: string): string => url.slice("https://".length).split(/[:/]/)[0];

/** The declared repositories' hosts, each once. */
export function repositoryHosts(settings: Pick<ArgocdSettings, "teams">): string[] {
  return [...new Set(settings.teams.flatMap((team) => team.repositories.map(repositoryHost)))].sort();
}

interface ExternalReach {
  /** The ServiceEntry's and the Sidecar's name. */
  readonly name: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly hosts: readonly string[];
}

function externalReaches(settings: ArgocdSettings): ExternalReach[] {
  const { repoServer, notifications, dex } = argocd;
  const reaches = [
    { name: repoServer.name, selector: argocdComponentLabels(repoServer), hosts: repositoryHosts(settings) },
    { name: notifications.name, selector: argocdComponentLabels(notifications), hosts: [...new Set(notificationHosts(settings.notifications))] },
    { name: dex.name, selector: argocdComponentLabels(dex), hosts: settings.dex.enabled ? [...settings.dex.hosts] : [] },
  ];
  return reaches.filter((reach) => reach.hosts.length > 0);
}

/** HTTPS hosts outside the mesh, visible to the Argo CD namespace only; the component speaks TLS itself. */
function serviceEntry(namespace: string, reach: ExternalReach): IstioObject {
  return {
    kind: "ServiceEntry",
    name: reach.name,
    namespace,
    spec: { hosts: [...reach.hosts], ports: [{ number: 443, name: "https", protocol: "HTTPS" }], location: "MESH_EXTERNAL", resolution: "DNS", exportTo: ["."] },
  };
}

export interface ArgocdMeshObjects {
  readonly peerAuthentication: IstioObject;
  readonly defaultDeny: IstioObject;
  readonly authorizationPolicies: readonly IstioObject[];
  /** `default` for every pod, plus one per component that calls hosts outside the mesh. */
  readonly sidecars: readonly IstioObject[];
  readonly serviceEntries: readonly IstioObject[];
}

/** Everything the Argo CD namespace needs in the mesh, for an installed Argo CD or one that already runs there. */
export function argocdMeshObjects(settings: ArgocdSettings): ArgocdMeshObjects {
  const { namespace } = settings;
  const common = argocdSidecarHosts(namespace);
  const reaches = externalReaches(settings);
  return {
    peerAuthentication: { kind: "PeerAuthentication", name: "default", namespace, spec: peerAuthenticationSpec("STRICT") },
    defaultDeny: { kind: "AuthorizationPolicy", name: "default-deny", namespace, spec: defaultDenySpec() },
    authorizationPolicies: argocdAuthorizationPolicies(settings),
    sidecars: [
      { kind: "Sidecar", name: "default", namespace, spec: { egress: [{ hosts: common }] } },
      ...reaches.map(
        (reach): IstioObject => ({
          kind: "Sidecar",
          name: reach.name,
          namespace,
          spec: { workloadSelector: { labels: { ...reach.selector } }, egress: [{ hosts: [...common, ...reach.hosts.map((host) => `./${host}`)] }] },
        }),
      ),
    ],
    serviceEntries: reaches.map((reach) => serviceEntry(namespace, reach)),
  };
}

/** The server's in-cluster host, which the ingress routes to (Service port 80). */
export function argocdServerHost(namespace: string): string {
  return serviceHost(argocd.server.name, namespace);
}

/** Istio ingress: the host's requests to the server, bound to the ingress Gateway `istio-ingress/ingress`. */
export function argocdVirtualService(namespace: string, host: string): IstioObject {
  return {
    kind: "VirtualService",
    name: argocd.server.name,
    namespace,
    spec: {
      hosts: [host],
      gateways: [gatewayReference(ingressGateway.namespace, ingressGatewayResourceName)],
      http: [{ name: "argocd-server", route: [{ destination: { host: argocdServerHost(namespace), port: { number: argocd.server.servicePort } } }] }],
    },
  };
}

/** Gateway API ingress: an HTTPRoute from the host's HTTPS listener to the server's Service. */
export function argocdHttpRoute(namespace: string, host: string, ingress: IngressSettings): GatewayApiObject {
  const binding = gatewayApiBinding(ingress);
  const spec: Spec = {
    parentRefs: listenersFor(binding, host).map((sectionName) => ({ group: gatewayApiGroup, kind: "Gateway", namespace: binding.namespace, name: binding.name, sectionName })),
    hostnames: [host],
    rules: [{ name: "argocd-server", backendRefs: [{ group: "", kind: "Service", name: argocd.server.name, port: argocd.server.servicePort }] }],
  };
  return { kind: "HTTPRoute", name: argocd.server.name, namespace, spec };
}
