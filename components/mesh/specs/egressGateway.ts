import type { ExternalServiceSettings } from "../../../settings/mesh";
import { egressGateway } from "../../names";
import { compact, type IstioObject, type Spec } from "./common";
import { egressGatewayMeshPort, egressGatewayServiceHost, egressGatewaySubsetName } from "./egress";

/** The name of the egress gateway's own DestinationRule and AuthorizationPolicy, after its workload. */
export const egressGatewayPolicyName = egressGateway.releaseName;

const routedThroughGateway = (externals: readonly ExternalServiceSettings[]) => externals.filter((external) => external.viaEgressGateway);

/**
 * The sidecars' side of the hop to the egress gateway. Gateway pods carry no `security.istio.io/tlsMode` label, so
 * auto-mTLS leaves this hop alone: each host routed through the gateway gets a subset that states ISTIO_MUTUAL
 * with SNI = the host (the gateway picks the external's server by it). One rule for every external: Istio merges
 * several rules of one host only by subsets, and only while their `exportTo` agree. Exported to the namespaces
 * whose sidecars route through it; undefined when no external does.
 */
export function egressGatewayDestinationRuleSpec(externals: readonly ExternalServiceSettings[]): Spec | undefined {
  const routed = routedThroughGateway(externals);
  if (routed.length === 0) return undefined;
  return {
    host: egressGatewayServiceHost,
    exportTo: [...new Set(routed.flatMap((external) => external.exportTo))],
    subsets: routed.flatMap((external) =>
      external.hosts.map((host, i) => ({
        name: egressGatewaySubsetName(external, i),
        trafficPolicy: { portLevelSettings: [{ port: { number: egressGatewayMeshPort.number }, tls: { mode: "ISTIO_MUTUAL", sni: host } }] },
      })),
    ),
  };
}

/**
 * Who may use the egress gateway: per external, the workloads whose config declared it (its `callers`, else every
 * workload of the namespaces that see it), for its hosts only. An ALLOW policy on the gateway workload denies
 * whatever no rule matches, so with no external routed through the gateway it admits nothing. The Host header
 * carries the port unless it is the scheme's default, so each host is allowed with and without it.
 */
export function egressGatewayAuthorizationSpec(externals: readonly ExternalServiceSettings[]): Spec {
  const rules = routedThroughGateway(externals).map((external) => ({
    from: [{ source: external.callers.length > 0 ? { principals: [...external.callers] } : { namespaces: [...external.exportTo] } }],
    to: [{ operation: { hosts: external.hosts.flatMap((host) => [host, `${host}:${external.ports[0].number}`]) } }],
  }));
  return compact({ selector: { matchLabels: { ...egressGateway.selector } }, action: "ALLOW", rules: rules.length > 0 ? rules : undefined });
}

export interface EgressGatewayObjects {
  /** Allows each external's declared callers through the egress gateway, and nothing else. */
  readonly authorizationPolicy: IstioObject;
  /** The sidecars' mTLS to the egress gateway, when an external routes through it. */
  readonly destinationRule?: IstioObject;
}

/** The egress gateway's own objects in its namespace, for the stack's externals. */
export function egressGatewayObjects(externals: readonly ExternalServiceSettings[]): EgressGatewayObjects {
  const { namespace } = egressGateway;
  const destinationRule = egressGatewayDestinationRuleSpec(externals);
  return {
    authorizationPolicy: { kind: "AuthorizationPolicy", name: egressGatewayPolicyName, namespace, spec: egressGatewayAuthorizationSpec(externals) },
    destinationRule: destinationRule && { kind: "DestinationRule", name: egressGatewayPolicyName, namespace, spec: destinationRule },
  };
}
