import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ExternalServiceSettings } from "../settings/mesh";
import { type ControlPlaneDependencies, istioResource } from "./istioResource";
import { meshEgressObjects } from "./meshSpecs/egress";

export interface MeshEgressArgs {
  /** The external dependency: hosts, ports, TLS origination, circuit breaking, namespaces that see it. */
  readonly external: ExternalServiceSettings;
  /** The app namespace the entry lives in (from AppNamespaces). */
  readonly namespace: kubernetes.core.v1.Namespace;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
}

/** An external dependency: its ServiceEntry (MESH_EXTERNAL) and, per host, a DestinationRule originating TLS. */
export class MeshEgress extends pulumi.ComponentResource {
  readonly serviceEntry: kubernetes.apiextensions.CustomResource;
  readonly destinationRules: readonly kubernetes.apiextensions.CustomResource[];

  constructor(name: string, args: MeshEgressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:mesh:MeshEgress", name, {}, opts);
    const { controlPlane } = args;
    const objects = meshEgressObjects(args.external);
    this.serviceEntry = istioResource(`${name}-service-entry`, objects.serviceEntry, this, controlPlane, [args.namespace]);
    this.destinationRules = objects.destinationRules.map((object, i, all) =>
      istioResource(`${name}-destination-rule${all.length === 1 ? "" : `-${i + 1}`}`, object, this, controlPlane, [args.namespace, this.serviceEntry]),
    );
    this.registerOutputs({ serviceEntry: this.serviceEntry, destinationRules: this.destinationRules });
  }
}
