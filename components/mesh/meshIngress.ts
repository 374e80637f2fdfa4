import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IngressSettings } from "../../settings/mesh";
import { type ControlPlaneDependencies, istioResource } from "../istio/istioResource";
import { meshIngressObjects } from "./specs/gateway";

export interface MeshIngressArgs {
  /** HTTPS hosts, minimum TLS version, redirect and ACME HTTP-01 settings of the ingress. */
  readonly ingress: IngressSettings;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
  /** The ingress gateway's namespace (`istio-ingress`), where the Gateway and its TLS secrets live. */
  readonly gatewayNamespace: kubernetes.core.v1.Namespace;
  /** The cert-manager Certificates writing the secrets the HTTPS servers name: the Gateway waits for them. @defaultValue none */
  readonly certificates?: readonly pulumi.Resource[];
}

/**
 * The Istio Gateway on the ingress gateway workload (`istio: ingressgateway`): HTTPS per host with the secret
 * cert-manager writes for it, HTTP redirected to HTTPS (sparing the ACME HTTP-01 path when that solver is used).
 */
export class MeshIngress extends pulumi.ComponentResource {
  readonly gateway: kubernetes.apiextensions.CustomResource;
  readonly redirect?: kubernetes.apiextensions.CustomResource;
  /** How VirtualServices name the Gateway: `<namespace>/<name>`. */
  readonly reference: string;

  constructor(name: string, args: MeshIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.ingress.hosts.length === 0) throw new Error(`MeshIngress ${name}: expected at least one ingress host`);
    super("istio-mesh:mesh:MeshIngress", name, {}, opts);
    const objects = meshIngressObjects(args.ingress);
    this.reference = objects.reference;
    this.gateway = istioResource(`${name}-gateway`, objects.gateway, this, args.controlPlane, [args.gatewayNamespace, ...(args.certificates ?? [])]);
    if (objects.redirect) {
      this.redirect = istioResource(`${name}-https-redirect`, objects.redirect, this, args.controlPlane, [args.gatewayNamespace, this.gateway]);
    }
    this.registerOutputs({ gateway: this.gateway, redirect: this.redirect, reference: this.reference });
  }
}
