import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ExternalServiceSettings } from "../settings/mesh";
import { type ControlPlaneDependencies, istioResource } from "./istioResource";
import { numberedName } from "./meshSpecs/common";
import { meshEgressObjects } from "./meshSpecs/egress";

export interface MeshEgressArgs {
  /** The external dependency: hosts, ports, TLS origination, circuit breaking, namespaces that see it. */
  readonly external: ExternalServiceSettings;
  /** The app namespace the entry lives in (from AppNamespaces). */
  readonly namespace: kubernetes.core.v1.Namespace;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
  /**
   * The egress gateway's namespace (`istio-egress`), where the Gateway of an external with `viaEgressGateway`
   * lives. Required for such an external. @defaultValue none
   */
  readonly egressGatewayNamespace?: kubernetes.core.v1.Namespace;
}

/** Argument check: an external routed through the egress gateway needs that gateway's namespace. */
export function meshEgressArgsProblems(args: Pick<MeshEgressArgs, "external" | "egressGatewayNamespace">): string[] {
  const { external } = args;
  return external.viaEgressGateway && args.egressGatewayNamespace === undefined
    ? [`external ${external.namespace}/${external.name} goes through the egress gateway but no egress gateway namespace was given`]
    : [];
}

/**
 * An external dependency: its ServiceEntry (MESH_EXTERNAL) and, per host, a DestinationRule originating TLS;
 * with `viaEgressGateway` also the egress Gateway and, per host, the VirtualService routing the mesh's calls through it.
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
    if (route && args.egressGatewayNamespace) {
      const gateway = istioResource(`${name}-egress-gateway`, route.gateway, this, controlPlane, [args.egressGatewayNamespace]);
      const dependsOn = [args.namespace, gateway, this.serviceEntry, ...this.destinationRules];
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
