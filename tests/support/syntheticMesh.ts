/**
 * A valid, fully cross-referenced mesh for any list of application namespaces: per namespace a Namespace,
 * PeerAuthentication, Gateway with its Certificate, gateway-bound and mesh VirtualServices, DestinationRules, an
 * external ServiceEntry with its DestinationRule stating TLS per port, AuthorizationPolicy, Sidecar and Telemetry;
 * plus the control plane and ingress gateway releases. Used by the stack-policy properties and the benchmark.
 */
import { OfflineResource } from "../../policy-pack/offline";
import { certificate, gatewayRelease, istiodRelease, istioResource, namespace } from "./meshFactories";

export const resourcesPerNamespace = 12;

function namespaceResources(ns: string): OfflineResource[] {
  const publicHost = `${ns}.example.com`;
  const externalHost = `api.${ns}.example.org`;
  const split = [
    { destination: { host: "web", subset: "v1" }, weight: 80 },
    { destination: { host: "web", subset: "v2" }, weight: 20 },
  ];
  return [
    namespace(ns),
    istioResource("PeerAuthentication", ns, "default", { mtls: { mode: "STRICT" } }),
    istioResource("Gateway", ns, "public", {
      selector: { istio: "ingressgateway" },
      servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: [publicHost], tls: { mode: "SIMPLE", credentialName: `${ns}-tls`, minProtocolVersion: "TLSV1_3" } }],
    }),
    certificate("istio-ingress", `${ns}-tls`),
    istioResource("VirtualService", ns, "public", { hosts: [publicHost], gateways: ["public"], http: [{ route: split, timeout: "15s" }] }),
    istioResource("VirtualService", ns, "web", { hosts: ["web"], http: [{ route: [{ destination: { host: "web", subset: "v1" } }], retries: { attempts: 2, perTryTimeout: "1s" } }] }),
    istioResource("DestinationRule", ns, "web", {
      host: "web",
      trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 } },
      subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }],
    }),
    istioResource("ServiceEntry", ns, "external-api", {
      hosts: [externalHost],
      location: "MESH_EXTERNAL",
      resolution: "DNS",
      ports: [{ number: 80, name: "http", protocol: "HTTP", targetPort: 443 }, { number: 8443, name: "tls", protocol: "TLS" }],
    }),
    istioResource("DestinationRule", ns, "external-api", {
      host: externalHost,
      trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: "SIMPLE", sni: externalHost, caCertificates: "/etc/ssl/certs/ca-certificates.crt" } }, { port: { number: 8443 }, tls: { mode: "DISABLE" } }] },
    }),
    istioResource("AuthorizationPolicy", ns, "web", {
      selector: { matchLabels: { app: "web" } },
      rules: [{ from: [{ source: { principals: [`cluster.local/ns/${ns}/sa/frontend`] } }], to: [{ operation: { methods: ["GET"] } }] }],
    }),
    istioResource("Sidecar", ns, "default", { egress: [{ hosts: ["./*", "istio-system/*"] }] }),
    istioResource("Telemetry", ns, "default", { tracing: [{ randomSamplingPercentage: 10 }] }),
  ];
}

export function syntheticMesh(namespaces: readonly string[]): OfflineResource[] {
  return [istiodRelease(), gatewayRelease(), ...namespaces.flatMap(namespaceResources)];
}
