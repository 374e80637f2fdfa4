import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IngressSettings } from "../../settings/mesh";
import { gatewayApiResource } from "./gatewayApiResource";
import type { ControlPlaneDependencies } from "../istio/istioResource";
import { type GatewayApiBinding, gatewayApiIngressObjects } from "../mesh/specs/gatewayApi";

export interface GatewayApiIngressArgs {
  /** HTTPS hosts, redirect and ACME HTTP-01 settings of the ingress (`mesh.ingress`, with `api: gateway-api`). */
  readonly ingress: IngressSettings;
  /** App namespaces whose HTTPRoutes the HTTPS listeners admit. */
  readonly appNamespaces: readonly string[];
  /** `base` and `istiod` releases. */
  readonly controlPlane: ControlPlaneDependencies;
  /** The ingress gateway's namespace (`istio-ingress`): the Gateway, its TLS secrets and the redirect route live there. */
  readonly gatewayNamespace: kubernetes.core.v1.Namespace;
  /** The Gateway API CRDs when the stack installs them; empty when the cluster provides them. @defaultValue [] */
  readonly crds?: readonly pulumi.Resource[];
  /** The cert-manager Certificates writing the listeners' secrets: the Gateway waits for them. @defaultValue none */
  readonly certificates?: readonly pulumi.Resource[];
}

/**
 * The Gateway API Gateway (class `istio`) bound to the ingress gateway this program installs (Istio's manual
 * deployment: `spec.addresses` names its Service), HTTPS per host with the Secret cert-manager writes for it, and
 * the HTTPRoute redirecting port 80 to HTTPS.
 */
export class GatewayApiIngress extends pulumi.ComponentResource {
  readonly gateway: kubernetes.apiextensions.CustomResource;
  readonly redirect?: kubernetes.apiextensions.CustomResource;
  /** Where service routes attach: the Gateway and its listener per ingress host. */
  readonly binding: GatewayApiBinding;

  constructor(name: string, args: GatewayApiIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.ingress.hosts.length === 0) throw new Error(`GatewayApiIngress ${name}: expected at least one ingress host`);
    super("istio-mesh:mesh:GatewayApiIngress", name, {}, opts);
    const objects = gatewayApiIngressObjects(args.ingress, args.appNamespaces);
    const crds = args.crds ?? [];
    this.binding = objects.binding;
    this.gateway = gatewayApiResource(`${name}-gateway`, objects.gateway, this, args.controlPlane, crds, [args.gatewayNamespace, ...(args.certificates ?? [])]);
    if (objects.redirect) {
      this.redirect = gatewayApiResource(`${name}-https-redirect`, objects.redirect, this, args.controlPlane, crds, [args.gatewayNamespace, this.gateway]);
    }
    this.registerOutputs({ gateway: this.gateway, redirect: this.redirect, binding: this.binding });
  }
}
