import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ExternalServiceSettings } from "../../settings/mesh";
import { type ControlPlaneDependencies, istioResource } from "../istio/istioResource";
import { namespaceSecurityObjects } from "./specs/security";

export interface NamespaceSecurityArgs {
  /** The app namespace (from AppNamespaces); its name is the resources' namespace. */
  readonly namespace: kubernetes.core.v1.Namespace;
  readonly namespaceName: string;
  /** mTLS for the whole namespace: STRICT (staging, prod) or PERMISSIVE (dev's default). */
  readonly mtlsMode: "STRICT" | "PERMISSIVE";
  /** External dependencies of the stack; those exported to this namespace join its Sidecar's egress hosts. */
  readonly externals: readonly ExternalServiceSettings[];
  /** Its workloads call the Kubernetes API, which its Sidecar then lets them reach. @defaultValue false */
  readonly kubernetesApi?: boolean;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
}

/**
 * An app namespace's baseline: namespace-wide PeerAuthentication `default`, the allow-nothing
 * AuthorizationPolicy `default-deny` (services open themselves with ALLOW rules) and the Sidecar `default`
 * limiting egress to what the namespace needs.
 */
export class NamespaceSecurity extends pulumi.ComponentResource {
  readonly peerAuthentication: kubernetes.apiextensions.CustomResource;
  readonly defaultDeny: kubernetes.apiextensions.CustomResource;
  readonly sidecar: kubernetes.apiextensions.CustomResource;

  constructor(name: string, args: NamespaceSecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:mesh:NamespaceSecurity", name, {}, opts);
    const objects = namespaceSecurityObjects(args.namespaceName, args.mtlsMode, args.externals, { kubernetesApi: args.kubernetesApi ?? false });
    const create = (suffix: string, object: Parameters<typeof istioResource>[1]) => istioResource(`${name}-${suffix}`, object, this, args.controlPlane, [args.namespace]);
    this.peerAuthentication = create("peer-authentication", objects.peerAuthentication);
    this.defaultDeny = create("default-deny", objects.defaultDeny);
    this.sidecar = create("sidecar", objects.sidecar);
    this.registerOutputs({ peerAuthentication: this.peerAuthentication, defaultDeny: this.defaultDeny, sidecar: this.sidecar });
  }
}
