/**
 * An app team's stack as Kubernetes objects (what `pulumi up` would create): an injected namespace, a service with two
 * versions (Deployments, Service, DestinationRule subsets, a mesh VirtualService), an ingress gateway (Deployment,
 * Service, Gateway, gateway VirtualService), a Sidecar and an AuthorizationPolicy; plus any subset of breakages,
 * each a mistake istioctl's analyzers name.
 */
import fc from "fast-check";
import type { KubeObject } from "../../scripts/parity/caseResources";
import { alphanumericLabel } from "./labels";

export const breakages = [
  "destination-host-typo",
  "undefined-subset",
  "subset-without-pods",
  "unnamed-service-port",
  "proxy-uid",
  "gateway-selector-typo",
  "second-default-sidecar",
  "authorization-selector-typo",
  "unknown-destinationrule-host",
  "gateway-port-not-exposed",
  "unlabelled-namespace",
  "duplicate-mesh-host",
  "relative-envoyfilter",
  "sidecar-selector-without-pods",
  "tcp-serviceentry-without-addresses",
  "unknown-annotation",
] as const;

export type Breakage = (typeof breakages)[number];

export interface MeshWorkloads {
  readonly objects: KubeObject[];
  readonly broken: readonly Breakage[];
}

type Object = KubeObject & Record<string, unknown>;

const ns = (name: string, labels: Record<string, string>): Object => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels } as KubeObject["metadata"] });
const istio = (kind: string, namespace: string, name: string, spec: Record<string, unknown>, group = "networking.istio.io/v1"): Object => ({ apiVersion: group, kind, metadata: { name, namespace }, spec });
const deployment = (namespace: string, name: string, labels: Record<string, string>, podSpec: Record<string, unknown> = {}, annotations: Record<string, string> = {}): Object => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace, ...(Object.keys(annotations).length ? { annotations } : {}) } as KubeObject["metadata"],
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "registry.example.com/app:1" }], ...podSpec } } },
});
const service = (namespace: string, name: string, selector: Record<string, string>, ports: Array<Record<string, unknown>>): Object => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { selector, ports } });

function build(app: string, versions: readonly string[], broken: readonly Breakage[]): KubeObject[] {
  const has = (breakage: Breakage) => broken.includes(breakage);
  const host = `${app}.example.com`;
  const subsets = versions.map((version) => ({ name: version, labels: { version: has("subset-without-pods") && version === versions[0] ? `${version}-gone` : version } }));
  const objects: Object[] = [
    ns("shop", has("unlabelled-namespace") ? {} : { "istio-injection": "enabled" }),
    ns("ingress", { "istio-injection": "enabled" }),
    ...versions.map((version) => deployment("shop", `${app}-${version}`, { app, version }, has("proxy-uid") && version === versions[0] ? { securityContext: { runAsUser: 1337 } } : {}, has("unknown-annotation") && version === versions[0] ? { "sidecar.istio.io/proxyCPUs": "100m" } : {})),
    service("shop", app, { app }, [{ name: has("unnamed-service-port") ? "web" : "http-web", port: 9080, targetPort: 9080, protocol: "TCP" }]),
    istio("DestinationRule", "shop", app, { host: has("unknown-destinationrule-host") ? `${app}-gone` : app, subsets }),
    istio("VirtualService", "shop", app, {
      hosts: [app],
      http: [{ route: versions.map((version, i) => ({ destination: { host: has("destination-host-typo") && i === 0 ? `${app}x` : app, subset: has("undefined-subset") && i === 0 ? "v9" : version }, weight: i === 0 ? 100 - 10 * (versions.length - 1) : 10 })) }],
    }),
    deployment("ingress", "ingressgateway", { istio: "ingressgateway", app: "ingressgateway" }),
    service("ingress", "ingressgateway", { istio: "ingressgateway" }, [{ name: "http2", port: 80, targetPort: 8080, protocol: "TCP" }, { name: "https", port: 443, targetPort: 8443, protocol: "TCP" }]),
    istio("Gateway", "shop", "public", {
      selector: { istio: has("gateway-selector-typo") ? "ingres-gateway" : "ingressgateway" },
      servers: [{ port: { number: has("gateway-port-not-exposed") ? 9443 : 8443, name: "https", protocol: "HTTPS" }, hosts: [host], tls: { mode: "SIMPLE", credentialName: `${app}-tls` } }],
    }),
    { apiVersion: "v1", kind: "Secret", metadata: { name: `${app}-tls`, namespace: "ingress" }, type: "kubernetes.io/tls" },
    istio("VirtualService", "shop", `${app}-public`, { hosts: [host], gateways: ["public"], http: [{ route: [{ destination: { host: app, subset: versions[0] } }] }] }),
    istio("Sidecar", "shop", "default", { egress: [{ hosts: ["./*", "istio-system/*"] }] }),
    istio("AuthorizationPolicy", "shop", app, { selector: { matchLabels: { app: has("authorization-selector-typo") ? `${app}-x` : app } }, rules: [{ from: [{ source: { principals: ["cluster.local/ns/ingress/sa/ingressgateway"] } }] }] }, "security.istio.io/v1"),
  ];
  if (has("second-default-sidecar")) objects.push(istio("Sidecar", "shop", "second", { egress: [{ hosts: ["./*"] }] }));
  if (has("duplicate-mesh-host")) objects.push(istio("VirtualService", "shop", `${app}-copy`, { hosts: [app], http: [{ route: [{ destination: { host: app, subset: versions[0] } }] }] }));
  if (has("sidecar-selector-without-pods")) objects.push(istio("Sidecar", "shop", "scoped", { workloadSelector: { labels: { app: `${app}-gone` } }, egress: [{ hosts: ["./*"] }] }));
  if (has("tcp-serviceentry-without-addresses")) objects.push(istio("ServiceEntry", "shop", "db", { hosts: ["db.example.com"], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 5432, name: "tcp-postgres", protocol: "TCP" }] }));
  if (has("relative-envoyfilter")) {
    objects.push(istio("EnvoyFilter", "shop", "lua", {
      workloadSelector: { labels: { app } },
      configPatches: [{ applyTo: "HTTP_FILTER", match: { context: "SIDECAR_INBOUND", listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager", subFilter: { name: "envoy.filters.http.router" } } } } }, patch: { operation: "INSERT_BEFORE", value: { name: "envoy.lua", typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua", inlineCode: "function envoy_on_request(h) end" } } } }],
    }, "networking.istio.io/v1alpha3"));
  }
  return objects;
}

const appName = alphanumericLabel(2, 8);

export function meshWorkloads(): fc.Arbitrary<MeshWorkloads> {
  return fc
    .record({
      app: appName,
      versions: fc.uniqueArray(fc.constantFrom("v1", "v2", "v3"), { minLength: 1, maxLength: 3 }),
      broken: fc.subarray([...breakages], { maxLength: 4 }),
    })
    .map(({ app, versions, broken }) => ({ objects: build(app, versions, broken), broken }));
}
