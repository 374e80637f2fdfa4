import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type BundleObject, gatewayApiBundle, gatewayApiManifests } from "./gatewayApiBundle";

export interface GatewayApiCrdsArgs {
  /**
   * Protect every object and keep it when the stack is destroyed: deleting a CRD deletes every object of its kind,
   * every route in the cluster. @defaultValue false
   */
  readonly protect?: boolean;
}

/** Resource names stay those of the objects, so a later release updates each in place. */
function objectResource(name: string, object: BundleObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const resourceName = `${name}-${object.metadata.name}`;
  const args = object as never;
  switch (object.kind) {
    case "CustomResourceDefinition":
      return new kubernetes.apiextensions.v1.CustomResourceDefinition(resourceName, args, opts);
    case "ValidatingAdmissionPolicy":
      return new kubernetes.admissionregistration.v1.ValidatingAdmissionPolicy(resourceName, args, opts);
    case "ValidatingAdmissionPolicyBinding":
      return new kubernetes.admissionregistration.v1.ValidatingAdmissionPolicyBinding(resourceName, args, opts);
    default:
      throw new Error(`GatewayApiCrds ${name}: the bundle holds a ${object.kind}, which this component does not install`);
  }
}

/**
 * The Gateway API's standard channel at the pinned release, as its `standard-install.yaml` has it: the CRDs and the
 * `safe-upgrades` ValidatingAdmissionPolicy (with its binding) that refuses experimental-channel CRDs over these
 * and downgrades below v1.5. Cluster-scoped; every Gateway API object of the stack waits for `crds`.
 */
export class GatewayApiCrds extends pulumi.ComponentResource {
  /** The CustomResourceDefinitions; Gateway API objects depend on these. */
  readonly crds: readonly pulumi.CustomResource[];
  /** The admission policy and its binding. */
  readonly admissionPolicy: readonly pulumi.CustomResource[];
  readonly version: string;

  constructor(name: string, args: GatewayApiCrdsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:gateway-api:Crds", name, {}, opts);
    const protect = args.protect ?? false;
    const childOpts = { parent: this, protect, retainOnDelete: protect };
    const objects = gatewayApiManifests();
    this.crds = objects.filter((object) => object.kind === "CustomResourceDefinition").map((object) => objectResource(name, object, childOpts));
    const policy = objects.filter((object) => object.kind === "ValidatingAdmissionPolicy").map((object) => objectResource(name, object, childOpts));
    const bindings = objects.filter((object) => object.kind === "ValidatingAdmissionPolicyBinding").map((object) => objectResource(name, object, { ...childOpts, dependsOn: policy }));
    this.admissionPolicy = [...policy, ...bindings];
    this.version = gatewayApiBundle.version;
    this.registerOutputs({ crds: this.crds, admissionPolicy: this.admissionPolicy, version: this.version });
  }
}
