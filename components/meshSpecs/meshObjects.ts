import type { MeshSettings } from "../../settings/mesh";
import type { IstioObject } from "./common";
import { meshEgressObjects } from "./egress";
import { meshIngressObjects } from "./gateway";
import { ingressRateLimitObject } from "./rateLimit";
import { namespaceSecurityObjects } from "./security";
import { meshServiceObjects } from "./serviceObjects";

const present = (object: IstioObject | undefined): object is IstioObject => object !== undefined;

/** `<Kind> <namespace>/<name>` of every object that shares kind, namespace and name with an earlier one. */
export function duplicateObjects(objects: readonly IstioObject[]): string[] {
  const keys = objects.map((object) => `${object.kind} ${object.namespace}/${object.name}`);
  return keys.filter((key, i) => keys.indexOf(key) !== i);
}

/**
 * Every Istio object the Mesh component creates for these settings, without Pulumi: what property tests and the
 * render check read. The components create exactly these, one resource each.
 */
export function meshObjects(mesh: MeshSettings, mtlsMode: "STRICT" | "PERMISSIVE", namespaces: readonly string[]): IstioObject[] {
  const ingress = mesh.ingress.hosts.length === 0 ? undefined : meshIngressObjects(mesh.ingress);
  return [
    ...namespaces.flatMap((namespace) => Object.values(namespaceSecurityObjects(namespace, mtlsMode, mesh.externals))),
    ...(ingress ? [ingress.gateway, ingress.redirect] : []),
    ...mesh.services.flatMap((service) => Object.values(meshServiceObjects(service, mesh.faultInjection, ingress?.reference))),
    ...mesh.externals.flatMap((external) => {
      const objects = meshEgressObjects(external);
      return [objects.serviceEntry, ...objects.destinationRules, ...(objects.egressRoute ? [objects.egressRoute.gateway, ...objects.egressRoute.virtualServices] : [])];
    }),
    ingressRateLimitObject(mesh),
  ].filter(present);
}
