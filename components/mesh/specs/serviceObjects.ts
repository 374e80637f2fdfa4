import type { MeshServiceSettings } from "../../../settings/mesh";
import type { IstioObject } from "./common";
import { serviceDestinationRuleSpec } from "./destinationRule";
import { requestAuthenticationSpec, serviceAuthorizationSpec } from "./security";
import { ingressVirtualServiceSpec, meshVirtualServiceSpec } from "./virtualService";

export interface MeshServiceObjects {
  /** `<service>`: subsets, circuit breaking, ISTIO_MUTUAL. */
  readonly destinationRule: IstioObject;
  /** `<service>`: mesh traffic to the service's FQDN. */
  readonly virtualService: IstioObject;
  /** `<service>-ingress`: the ingress hosts bound to the Gateway; only with hosts and a Gateway. */
  readonly ingressVirtualService?: IstioObject;
  /** `<service>-jwt`: only with JWT. */
  readonly requestAuthentication?: IstioObject;
  /** `<service>`: the ALLOW rules; only when something may call the service. */
  readonly authorizationPolicy?: IstioObject;
}

/** Everything one mesh service needs, in its namespace. `gateway` is the ingress Gateway as `<namespace>/<name>`. */
export function meshServiceObjects(service: MeshServiceSettings, faultInjection: boolean, gateway: string | undefined): MeshServiceObjects {
  const { name, namespace } = service;
  const requestAuthentication = requestAuthenticationSpec(service);
  const authorization = serviceAuthorizationSpec(service);
  return {
    destinationRule: { kind: "DestinationRule", name, namespace, spec: serviceDestinationRuleSpec(service) },
    virtualService: { kind: "VirtualService", name, namespace, spec: meshVirtualServiceSpec(service, faultInjection) },
    ingressVirtualService:
      gateway === undefined || service.hosts.length === 0
        ? undefined
        : { kind: "VirtualService", name: `${name}-ingress`, namespace, spec: ingressVirtualServiceSpec(service, gateway, faultInjection) },
    requestAuthentication: requestAuthentication && { kind: "RequestAuthentication", name: `${name}-jwt`, namespace, spec: requestAuthentication },
    authorizationPolicy: authorization && { kind: "AuthorizationPolicy", name, namespace, spec: authorization },
  };
}
