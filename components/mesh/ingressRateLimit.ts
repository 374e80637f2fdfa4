import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { MeshSettings } from "../../settings/mesh";
import { type ControlPlaneDependencies, istioResource } from "../istio/istioResource";
import { ingressRateLimitObject } from "./specs/rateLimit";

export interface IngressRateLimitArgs {
  /** The gateway-wide limit and scope, the ingress hosts, and the services with their own limits. */
  readonly mesh: Pick<MeshSettings, "ingress" | "rateLimit" | "services">;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
  /** The ingress gateway's namespace (`istio-ingress`). */
  readonly gatewayNamespace: kubernetes.core.v1.Namespace;
}

/** Envoy local rate limiting on the ingress gateway (429 with `x-local-rate-limit: true` once a bucket is empty). */
export class IngressRateLimit extends pulumi.ComponentResource {
  readonly envoyFilter: kubernetes.apiextensions.CustomResource;

  constructor(name: string, args: IngressRateLimitArgs, opts?: pulumi.ComponentResourceOptions) {
    const object = ingressRateLimitObject(args.mesh);
    if (object === undefined) throw new Error(`IngressRateLimit ${name}: expected mesh.rateLimit or a service with rateLimit`);
    super("istio-mesh:mesh:IngressRateLimit", name, {}, opts);
    this.envoyFilter = istioResource(`${name}-envoy-filter`, object, this, args.controlPlane, [args.gatewayNamespace]);
    this.registerOutputs({ envoyFilter: this.envoyFilter });
  }
}
