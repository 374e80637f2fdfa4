import type { ExternalServiceSettings, ServiceEntryPort } from "../../../settings/mesh";
import { connectionPoolSpec, outlierDetectionSpec } from "./destinationRule";
import { egressGateway, serviceHost } from "../../names";
import { compact, gatewayReference, type IstioObject, numberedName, type Spec } from "./common";

const isWildcard = (host: string) => host.startsWith("*.");

/**
 * The egress gateway's port for mesh traffic and its Service's in-cluster name. The gateway chart's Service names
 * port 443 `https`: what crosses it is TLS, Istio mTLS from the sidecars (ISTIO_MUTUAL on both sides).
 */
export const egressGatewayMeshPort = Object.freeze({ number: 443, name: "https" });
export const egressGatewayServiceHost = serviceHost(egressGateway.releaseName, egressGateway.namespace);

/** Namespaces the ServiceEntry and DestinationRules are exported to: the external's, plus the egress gateway's when it routes there. */
function exportToOf(external: ExternalServiceSettings): string[] {
  return external.viaEgressGateway ? [...external.exportTo, egressGateway.namespace] : [...external.exportTo];
}

/** An external dependency in the registry: MESH_EXTERNAL, DNS-resolved unless a host is a wildcard. */
export function serviceEntrySpec(external: ExternalServiceSettings): Spec {
  return {
    hosts: [...external.hosts],
    ports: external.ports.map((port) => compact({ number: port.number, name: port.name, protocol: port.protocol, targetPort: port.targetPort })),
    ...(external.addresses.length === 0 ? {} : { addresses: [...external.addresses] }),
    location: "MESH_EXTERNAL",
    resolution: external.hosts.some(isWildcard) ? "NONE" : "DNS",
    exportTo: exportToOf(external),
  };
}

/**
 * The TLS a proxy uses on one port of an external host: SIMPLE with the server name (the host itself unless it
 * is a wildcard) and verification of the server certificate where it originates TLS; DISABLE where the
 * application speaks TLS itself (originating again would encrypt twice) or a plain TCP protocol.
 */
function portTlsSpec(external: ExternalServiceSettings, host: string, port: ServiceEntryPort): Spec {
  if (port.tls !== "originated") return { mode: "DISABLE" };
  return compact({
    mode: "SIMPLE",
    sni: isWildcard(host) ? external.tls.sni : host,
    subjectAltNames: external.tls.subjectAltNames.length > 0 ? [...external.tls.subjectAltNames] : isWildcard(host) ? undefined : [host],
    caCertificates: external.tls.caCertificates,
    insecureSkipVerify: false,
  });
}

/**
 * TLS stated per port, with circuit breaking. Istio's port-level settings do not inherit the rule-level ones
 * (a port with its own entry gets defaults for what the entry omits), so each port carries its pool and
 * outlier detection too.
 */
export function externalDestinationRuleSpec(external: ExternalServiceSettings, host: string): Spec {
  return {
    host,
    exportTo: exportToOf(external),
    trafficPolicy: {
      portLevelSettings: external.ports.map((port) => ({
        port: { number: port.number },
        connectionPool: connectionPoolSpec(external.connectionPool),
        outlierDetection: outlierDetectionSpec(external.outlierDetection),
        tls: portTlsSpec(external, host, port),
      })),
    },
  };
}

export interface MeshEgressObjects {
  readonly serviceEntry: IstioObject;
  /** One per host: `<name>` for a single host, `<name>-<n>` otherwise. */
  readonly destinationRules: readonly IstioObject[];
  /** With `viaEgressGateway`: the egress Gateway and the VirtualServices sending the mesh's calls through it. */
  readonly egressRoute?: EgressRouteObjects;
}

export interface EgressRouteObjects {
  readonly gateway: IstioObject;
  /** One per host, named like the DestinationRules: `<name>-egress`, or `<name>-egress-<n>` for several hosts. */
  readonly virtualServices: readonly IstioObject[];
}

/** `metadata.name` of an external's Gateway in `istio-egress`: the namespace keeps same-named externals of two namespaces apart. */
export function egressGatewayResourceName(external: Pick<ExternalServiceSettings, "name" | "namespace">): string {
  return `${external.namespace}-${external.name}-egress`;
}

/**
 * The subset of the egress gateway's DestinationRule that carries the sidecars' mTLS for one host of an
 * external (SNI = that host): `<namespace>-<name>`, or `<namespace>-<name>-<n>` for several hosts.
 */
export function egressGatewaySubsetName(external: Pick<ExternalServiceSettings, "name" | "namespace" | "hosts">, hostIndex: number): string {
  return numberedName(`${external.namespace}-${external.name}`, hostIndex, external.hosts.length);
}

/**
 * The egress gateway accepts the external's hosts from the mesh only as Istio mTLS (ISTIO_MUTUAL: the workload
 * certificates of both sides, so the gateway knows each caller's identity), HTTP inside.
 */
export function egressGatewaySpec(external: ExternalServiceSettings): Spec {
  return {
    selector: { ...egressGateway.selector },
    servers: [{ port: { ...egressGatewayMeshPort, protocol: "HTTPS" }, hosts: [...external.hosts], tls: { mode: "ISTIO_MUTUAL" } }],
  };
}

/**
 * Istio's "TLS origination with an egress gateway", for one host: sidecars send the external's port to the
 * egress gateway's subset for this host (mTLS, SNI = the host), and the gateway sends the call on to the host
 * itself, where its DestinationRule originates TLS.
 */
export function egressVirtualServiceSpec(external: ExternalServiceSettings, hostIndex: number, gateway: string): Spec {
  const host = external.hosts[hostIndex];
  const port = external.ports[0].number;
  const subset = egressGatewaySubsetName(external, hostIndex);
  return {
    hosts: [host],
    gateways: ["mesh", gateway],
    http: [
      {
        name: "to-egress-gateway",
        match: [{ gateways: ["mesh"], port }],
        route: [{ destination: { host: egressGatewayServiceHost, subset, port: { number: egressGatewayMeshPort.number } } }],
      },
      {
        name: "to-external",
        match: [{ gateways: [gateway], port: egressGatewayMeshPort.number }],
        route: [{ destination: { host, port: { number: port } } }],
      },
    ],
  };
}

function egressRouteObjects(external: ExternalServiceSettings): EgressRouteObjects {
  const gatewayName = egressGatewayResourceName(external);
  const reference = gatewayReference(egressGateway.namespace, gatewayName);
  return {
    gateway: { kind: "Gateway", name: gatewayName, namespace: egressGateway.namespace, spec: egressGatewaySpec(external) },
    virtualServices: external.hosts.map((_host, i) => ({
      kind: "VirtualService" as const,
      name: numberedName(`${external.name}-egress`, i, external.hosts.length),
      namespace: external.namespace,
      spec: egressVirtualServiceSpec(external, i, reference),
    })),
  };
}

export function meshEgressObjects(external: ExternalServiceSettings): MeshEgressObjects {
  const { name, namespace } = external;
  return {
    serviceEntry: { kind: "ServiceEntry", name, namespace, spec: serviceEntrySpec(external) },
    destinationRules: external.hosts.map((host, i) => ({
      kind: "DestinationRule" as const,
      name: numberedName(name, i, external.hosts.length),
      namespace,
      spec: externalDestinationRuleSpec(external, host),
    })),
    egressRoute: external.viaEgressGateway ? egressRouteObjects(external) : undefined,
  };
}
