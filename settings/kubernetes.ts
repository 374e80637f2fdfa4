import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { labels, dnsLabel, nonEmptyString, boolean } from "./validators";

export const kubernetesInput = z.strictObject({
  context: nonEmptyString.optional(),
  retainNamespaces: boolean.optional(),
  protectAppNamespaces: boolean.optional(),
});

/** The kubeconfig itself is a credential: only `pulumi config set --secret istio-mesh:kubeconfig` may carry it. */
export const kubeconfigInput = z.custom<pulumi.Output<string>>((value) => pulumi.Output.isInstance(value), {
  error: "expected a secret value (set it with `pulumi config set --secret istio-mesh:kubeconfig < ~/.kube/config`)",
});

export interface KubernetesSettings {
  /** kubeconfig context the stack deploys to; undefined uses the kubeconfig's current context. */
  readonly context?: string;
  /** The kubeconfig, from secret config; undefined reads `$KUBECONFIG` or `~/.kube/config`. */
  readonly kubeconfig?: pulumi.Output<string>;
  /**
   * Namespaces that hold state or applications (the app namespaces, istio-system, istio-ingress, cert-manager,
   * monitoring, observability) stay in the cluster when the stack stops managing them: a Namespace's deletion
   * would delete every volume and workload in it. @defaultValue false / false / true (dev / staging / prod)
   */
  readonly retainNamespaces: boolean;
  /** `pulumi up` refuses to delete an app namespace (a rename or removal needs its protection lifted first). @defaultValue false / false / true */
  readonly protectAppNamespaces: boolean;
}

export const namespacesInput = z.array(
  z.strictObject({
    name: dnsLabel,
    labels: labels.optional(),
    injection: boolean.optional(),
    revision: dnsLabel.optional(),
  }),
  { error: "expected a list of namespaces ({name, labels?, injection?, revision?})" },
);

export interface AppNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Sidecar injection on (the default for app namespaces). */
  readonly injection: boolean;
  /** The revision or tag this namespace injects from instead of `istio.injectionRevision` (e.g. to try a canary). */
  readonly revision?: string;
}
