import * as kubernetes from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { type IstioObject, manifest } from "../mesh/specs/common";

export type { IstioObject } from "../mesh/specs/common";

/** What every Istio custom resource waits for. */
export interface ControlPlaneDependencies {
  /** The `istio-base` release: it installs the CRDs ("no matches for kind" otherwise). */
  readonly base: pulumi.Resource;
  /** The `istiod` release: its validation webhook must answer before a resource is admitted. */
  readonly istiod: pulumi.Resource;
}

/**
 * One Istio custom resource, a child of `parent`, waiting for the control plane and for `dependsOn` (the
 * namespace it lives in, and resources it names).
 */
export function istioResource(
  resourceName: string,
  object: IstioObject,
  parent: pulumi.Resource,
  controlPlane: ControlPlaneDependencies,
  dependsOn: readonly pulumi.Resource[],
): kubernetes.apiextensions.CustomResource {
  return new kubernetes.apiextensions.CustomResource(
    resourceName,
    manifest(object),
    { parent, dependsOn: [controlPlane.base, controlPlane.istiod, ...dependsOn] },
  );
}
