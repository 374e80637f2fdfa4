import type { MeshSettings } from "../../../settings/mesh";
import type { IstioObject } from "./common";
import { meshEgressObjects } from "./egress";
import { egressGatewayObjects } from "./egressGateway";
import { meshIngressObjects } from "./gateway";
import { type GatewayApiObject, gatewayApiGroup, gatewayApiIngressObjects } from "./gatewayApi";
import { type ServiceObject, serviceIngressRouteObjects } from "./httpRoute";
import { ingressRateLimitObject } from "./rateLimit";
import { namespaceSecurityObjects } from "./security";
import { meshServiceObjects } from "./serviceObjects";

const present = (object: IstioObject | undefined): object is IstioObject => object !== undefined;

/**
 * `<Kind> <namespace>/<name>` of every object that shares kind, namespace and name with an earlier one. Istio's
 * Gateway and the Gateway API's are different kinds: the latter's key carries its API group.
 */
export function duplicateObjects(objects: readonly IstioObject[], others: readonly (GatewayApiObject | ServiceObject)[] = []): string[] {
  const keys = [
    ...objects.map((object) => `${object.kind} ${object.namespace}/${object.name}`),
    ...others.map((object) => `${object.kind === "Service" ? object.kind : `${object.kind}.${gatewayApiGroup}`} ${object.namespace}/${object.name}`),
  ];
  return keys.filter((key, i) => keys.indexOf(key) !== i);
}

/** What the Mesh component is built for, besides the mesh settings. */
export interface MeshScope {
  /** Namespace-wide mTLS mode of the app namespaces. */
  readonly mtlsMode: "STRICT" | "PERMISSIVE";
  /** The app namespaces. */
  readonly namespaces: readonly string[];
  /** App namespaces whose workloads call the Kubernetes API. @defaultValue [] */
  readonly kubernetesApiNamespaces?: readonly string[];
  /** Whether the stack installs the egress gateway, whose own policy objects then join. */
  readonly egressGateway: boolean;
}

/**
 * Every Istio object the Mesh component creates for these settings, without Pulumi: what property tests and the
 * render check read. The components create exactly these, one resource each.
 */
export function meshObjects(mesh: MeshSettings, scope: MeshScope): IstioObject[] {
  const ingress = mesh.ingress.hosts.length === 0 || mesh.ingress.api !== "istio" ? undefined : meshIngressObjects(mesh.ingress);
  const kubernetesApiNamespaces = scope.kubernetesApiNamespaces ?? [];
  const gateway = scope.egressGateway ? egressGatewayObjects(mesh.externals) : undefined;
  return [
    ...scope.namespaces.flatMap((namespace) =>
      Object.values(namespaceSecurityObjects(namespace, scope.mtlsMode, mesh.externals, { kubernetesApi: kubernetesApiNamespaces.includes(namespace) })),
    ),
    ...(ingress ? [ingress.gateway, ingress.redirect] : []),
    ...mesh.services.flatMap((service) => Object.values(meshServiceObjects(service, mesh.faultInjection, ingress?.reference))),
    ...(gateway ? [gateway.authorizationPolicy, gateway.destinationRule] : []),
    ...mesh.externals.flatMap((external) => {
      const objects = meshEgressObjects(external);
      return [objects.serviceEntry, ...objects.destinationRules, ...(objects.egressRoute ? [objects.egressRoute.gateway, ...objects.egressRoute.virtualServices] : [])];
    }),
    ...gatewayApiIngress(mesh, scope).destinationRules,
    ingressRateLimitObject(mesh),
  ].filter(present);
}

/** The Gateway API ingress's objects for these settings (none with the Istio ingress or without ingress hosts). */
export function gatewayApiIngress(mesh: MeshSettings, scope: Pick<MeshScope, "namespaces">): { gatewayApi: GatewayApiObject[]; services: ServiceObject[]; destinationRules: IstioObject[] } {
  if (mesh.ingress.api !== "gateway-api" || mesh.ingress.hosts.length === 0) return { gatewayApi: [], services: [], destinationRules: [] };
  const ingress = gatewayApiIngressObjects(mesh.ingress, scope.namespaces);
  const routes = mesh.services.filter((service) => service.hosts.length > 0).map((service) => serviceIngressRouteObjects(service, ingress.binding));
  return {
    gatewayApi: [ingress.gateway, ...(ingress.redirect ? [ingress.redirect] : []), ...routes.map((route) => route.httpRoute)],
    services: routes.flatMap((route) => route.versionServices),
    destinationRules: routes.flatMap((route) => route.versionDestinationRules),
  };
}
