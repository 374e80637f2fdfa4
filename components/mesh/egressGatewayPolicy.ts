import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ExternalServiceSettings } from "../../settings/mesh";
import { type ControlPlaneDependencies, istioResource } from "../istio/istioResource";
import { egressGatewayObjects } from "./specs/egressGateway";

export interface EgressGatewayPolicyArgs {
  /** The stack's external dependencies; those with `viaEgressGateway` get a subset and an ALLOW rule each. */
  readonly externals: readonly ExternalServiceSettings[];
  /** The egress gateway's namespace (`istio-egress`), where both objects live. */
  readonly gatewayNamespace: kubernetes.core.v1.Namespace;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
}

/**
 * The egress gateway's own side of the mesh: the AuthorizationPolicy admitting, per external, only the workloads
 * that declared it (nothing at all while no external routes through the gateway) and, when externals do, the
 * DestinationRule by which sidecars reach the gateway over Istio mTLS with each external's host as SNI.
 */
export class EgressGatewayPolicy extends pulumi.ComponentResource {
  readonly authorizationPolicy: kubernetes.apiextensions.CustomResource;
  /** Undefined while no external routes through the egress gateway. */
  readonly destinationRule?: kubernetes.apiextensions.CustomResource;

  constructor(name: string, args: EgressGatewayPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:mesh:EgressGatewayPolicy", name, {}, opts);
    const objects = egressGatewayObjects(args.externals);
    const dependsOn = [args.gatewayNamespace];
    this.authorizationPolicy = istioResource(`${name}-authorization-policy`, objects.authorizationPolicy, this, args.controlPlane, dependsOn);
    if (objects.destinationRule) {
      this.destinationRule = istioResource(`${name}-destination-rule`, objects.destinationRule, this, args.controlPlane, dependsOn);
    }
    this.registerOutputs({ authorizationPolicy: this.authorizationPolicy, destinationRule: this.destinationRule });
  }
}
