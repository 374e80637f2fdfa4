import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AppNamespace } from "../settings/kubernetes";
import { injectionLabels } from "./istioRevisions";

export interface AppNamespacesArgs {
  /** The app namespaces of the stack, with their labels and whether sidecars are injected. */
  readonly namespaces: readonly AppNamespace[];
  /** Revision or revision tag that injects sidecars; undefined uses `istio-injection: enabled`. */
  readonly injectionRevision?: string;
  /** The istiod releases and tag webhooks: a namespace is labelled for injection only once its injector exists. */
  readonly injectors: readonly pulumi.Resource[];
  /** Keep the namespaces (and the applications in them) in the cluster when the stack drops them. @defaultValue false */
  readonly retainOnDelete?: boolean;
  /** `pulumi up` refuses to delete them. @defaultValue false */
  readonly protect?: boolean;
}

/** The namespaces the company's services run in, labelled for sidecar injection. */
export class AppNamespaces extends pulumi.ComponentResource {
  readonly namespaces: Readonly<Record<string, kubernetes.core.v1.Namespace>>;

  constructor(name: string, args: AppNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:mesh:AppNamespaces", name, {}, opts);
    this.namespaces = Object.fromEntries(
      args.namespaces.map((namespace) => [
        namespace.name,
        new kubernetes.core.v1.Namespace(
          `${name}-${namespace.name}`,
          {
            metadata: {
              name: namespace.name,
              labels: { ...namespace.labels, ...injectionLabels(namespace.injection, namespace.revision ?? args.injectionRevision) },
            },
          },
          { parent: this, dependsOn: [...args.injectors], retainOnDelete: args.retainOnDelete ?? false, protect: args.protect ?? false },
        ),
      ]),
    );
    this.registerOutputs({ namespaces: this.namespaces });
  }
}
