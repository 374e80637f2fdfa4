import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ExternalServiceSettings } from "../../settings/mesh";
import { type ControlPlaneDependencies, istioResource } from "../istio/istioResource";
import { numberedName } from "./specs/common";
import { meshEgressObjects } from "./specs/egress";

/** What an external routed through the egress gateway waits for. */
export interface EgressGatewayDependencies {
  /** The egress gateway's namespace (`istio-egress`), where the external's Gateway lives. */
  readonly namespace: kubernetes.core.v1.Namespace;
  /** The gateway's AuthorizationPolicy: the Gateway opens only once it admits just the declared callers. */
  readonly authorizationPolicy: pulumi.Resource;
  /** The gateway's DestinationRule with the external's subsets: the VirtualServices route to them only once they exist. */
  readonly destinationRule?: pulumi.Resource;
}

export interface MeshEgressArgs {
  /** The external dependency: hosts, ports, TLS per port, circuit breaking, namespaces that see it. */
  readonly external: ExternalServiceSettings;
  /** The app namespace the entry lives in (from AppNamespaces). */
  readonly namespace: kubernetes.core.v1.Namespace;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
  /** The egress gateway's namespace and policy objects. Required for an external with `viaEgressGateway`. @defaultValue none */
  readonly egressGateway?: EgressGatewayDependencies;
}

/** Argument check: an external routed through the egress gateway needs that gateway's namespace and its DestinationRule. */
export function meshEgressArgsProblems(args: Pick<MeshEgressArgs, "external" | "egressGateway">): string[] {
  const { external } = args;
  if (!external.viaEgressGateway || args.egressGateway?.destinationRule !== undefined) return [];
  const missing = args.egressGateway === undefined ? "no egress gateway namespace" : "no egress gateway DestinationRule";
  return [`external ${external.namespace}/${external.name} goes through the egress gateway but ${missing} was given`];
}

/**
 * An external dependency: its ServiceEntry (MESH_EXTERNAL) and, per host, a DestinationRule stating TLS per port;
 * with `viaEgressGateway` also the egress Gateway (Istio mTLS from the sidecars) and, per host, the VirtualService
 * routing the mesh's calls through it.
 */
export class MeshEgress extends pulumi.ComponentResource {
  readonly serviceEntry: kubernetes.apiextensions.CustomResource;
  readonly destinationRules: readonly kubernetes.apiextensions.CustomResource[];
  /** With `viaEgressGateway`: the Gateway in `istio-egress` and, per host, the VirtualService routing through it. */
  readonly egressGateway?: kubernetes.apiextensions.CustomResource;
  readonly egressVirtualServices: readonly kubernetes.apiextensions.CustomResource[];

  constructor(name: string, args: MeshEgressArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = meshEgressArgsProblems(args);
    if (problems.length > 0) throw new Error(`MeshEgress ${name}: ${problems.join("; ")}`);
    super("istio-mesh:mesh:MeshEgress", name, {}, opts);
    const { controlPlane } = args;
    const objects = meshEgressObjects(args.external);
    this.serviceEntry = istioResource(`${name}-service-entry`, objects.serviceEntry, this, controlPlane, [args.namespace]);
    this.destinationRules = objects.destinationRules.map((object, i, all) =>
      istioResource(numberedName(`${name}-destination-rule`, i, all.length), object, this, controlPlane, [args.namespace, this.serviceEntry]),
    );
    const route = objects.egressRoute;
    const egress = args.egressGateway;
    if (route && egress?.destinationRule) {
      const gateway = istioResource(`${name}-egress-gateway`, route.gateway, this, controlPlane, [egress.namespace, egress.authorizationPolicy]);
      const dependsOn = [args.namespace, gateway, this.serviceEntry, ...this.destinationRules, egress.destinationRule];
      this.egressGateway = gateway;
      this.egressVirtualServices = route.virtualServices.map((object, i, all) =>
        istioResource(numberedName(`${name}-egress-virtual-service`, i, all.length), object, this, controlPlane, dependsOn),
      );
    } else {
      this.egressVirtualServices = [];
    }
    this.registerOutputs({
      serviceEntry: this.serviceEntry,
      destinationRules: this.destinationRules,
      egressGateway: this.egressGateway,
      egressVirtualServices: this.egressVirtualServices,
    });
  }
}
