import type { ExternalServiceSettings } from "../../settings/mesh";
import { connectionPoolSpec, outlierDetectionSpec } from "./destinationRule";
import { compact, type IstioObject, type Spec } from "./common";

const isWildcard = (host: string) => host.startsWith("*.");

/** An external dependency in the registry: MESH_EXTERNAL, DNS-resolved unless a host is a wildcard. */
export function serviceEntrySpec(external: ExternalServiceSettings): Spec {
  return {
    hosts: [...external.hosts],
    ports: external.ports.map((port) => compact({ number: port.number, name: port.name, protocol: port.protocol, targetPort: port.targetPort })),
    location: "MESH_EXTERNAL",
    resolution: external.hosts.some(isWildcard) ? "NONE" : "DNS",
    exportTo: [...external.exportTo],
  };
}

/**
 * TLS origination to an external host: SIMPLE TLS with the server name (the host itself unless it is a
 * wildcard) and verification of the server certificate, plus circuit breaking.
 */
export function externalDestinationRuleSpec(external: ExternalServiceSettings, host: string): Spec {
  return {
    host,
    exportTo: [...external.exportTo],
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
}

export function meshEgressObjects(external: ExternalServiceSettings): MeshEgressObjects {
  const { name, namespace } = external;
  return {
    serviceEntry: { kind: "ServiceEntry", name, namespace, spec: serviceEntrySpec(external) },
    destinationRules: external.hosts.map((host, i) => ({
      kind: "DestinationRule" as const,
      name: external.hosts.length === 1 ? name : `${name}-${i + 1}`,
      namespace,
      spec: externalDestinationRuleSpec(external, host),
    })),
  };
}
