import type { ExternalServiceSettings } from "../../settings/mesh";
import { connectionPoolSpec, outlierDetectionSpec } from "./destinationRule";
import { egressGateway, serviceHost } from "../names";
import { compact, gatewayReference, type IstioObject, numberedName, type Spec } from "./common";

const isWildcard = (host: string) => host.startsWith("*.");

/** The port the egress gateway listens on for plain HTTP from the mesh, and its Service's in-cluster name. */
export const egressGatewayHttpPort = 80;
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
    location: "MESH_EXTERNAL",
    resolution: external.hosts.some(isWildcard) ? "NONE" : "DNS",
    exportTo: exportToOf(external),
  };
}

/**
 * TLS origination to an external host: SIMPLE TLS with the server name (the host itself unless it is a
 * wildcard) and verification of the server certificate, plus circuit breaking.
 */
export function externalDestinationRuleSpec(external: ExternalServiceSettings, host: string): Spec {
  return {
    host,
    exportTo: exportToOf(external),
    trafficPolicy: {
      connectionPool: connectionPoolSpec(external.connectionPool),
      outlierDetection: outlierDetectionSpec(external.outlierDetection),
      tls: compact({
        mode: "SIMPLE",
        sni: isWildcard(host) ? external.tls.sni : host,
        subjectAltNames: external.tls.subjectAltNames.length > 0 ? [...external.tls.subjectAltNames] : isWildcard(host) ? undefined : [host],
        caCertificates: external.tls.caCertificates,
        insecureSkipVerify: false,
      }),
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

/** The egress gateway accepts plain HTTP for the external's hosts on port 80 (mTLS from the sidecars by auto-mTLS). */
export function egressGatewaySpec(external: ExternalServiceSettings): Spec {
  return {
    selector: { ...egressGateway.selector },
    servers: [{ port: { number: egressGatewayHttpPort, name: "http", protocol: "HTTP" }, hosts: [...external.hosts] }],
  };
}

/**
 * Istio's "TLS origination with an egress gateway", for one host: sidecars send the external's port to the
 * egress gateway, and the gateway sends the call on to the host itself, where its DestinationRule originates TLS.
 */
export function egressVirtualServiceSpec(external: ExternalServiceSettings, host: string, gateway: string): Spec {
  const port = external.ports[0].number;
  return {
    hosts: [host],
    gateways: ["mesh", gateway],
    http: [
      {
        name: "to-egress-gateway",
        match: [{ gateways: ["mesh"], port }],
        route: [{ destination: { host: egressGatewayServiceHost, port: { number: egressGatewayHttpPort } } }],
      },
      {
        name: "to-external",
        match: [{ gateways: [gateway], port: egressGatewayHttpPort }],
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
    virtualServices: external.hosts.map((host, i) => ({
      kind: "VirtualService" as const,
      name: numberedName(`${external.name}-egress`, i, external.hosts.length),
      namespace: external.namespace,
      spec: egressVirtualServiceSpec(external, host, reference),
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
