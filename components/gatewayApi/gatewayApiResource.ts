import * as kubernetes from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ControlPlaneDependencies } from "../istio/istioResource";
import { type GatewayApiObject, gatewayApiManifest } from "../mesh/specs/gatewayApi";

/**
 * One Gateway API object, a child of `parent`: it waits for the Gateway API CRDs when the stack installs them ("no
 * matches for kind" otherwise), for istiod (whose controller programs it) and for `dependsOn`.
 */
export function gatewayApiResource(
  resourceName: string,
  object: GatewayApiObject,
  parent: pulumi.Resource,
  controlPlane: ControlPlaneDependencies,
  crds: readonly pulumi.Resource[],
  dependsOn: readonly pulumi.Resource[],
): kubernetes.apiextensions.CustomResource {
  return new kubernetes.apiextensions.CustomResource(resourceName, gatewayApiManifest(object), { parent, dependsOn: [...crds, controlPlane.istiod, ...dependsOn] });
}
