import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { labels, dnsLabel, nonEmptyString, boolean } from "./validators";

export const kubernetesInput = z.strictObject({
  context: nonEmptyString.optional(),
  retainNamespaces: boolean.optional(),
  protectAppNamespaces: boolean.optional(),
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
    kubernetesApi: boolean.optional(),
  }),
  { error: "expected a list of namespaces ({name, labels?, injection?, revision?, kubernetesApi?})" },
);

export interface AppNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Sidecar injection on (the default for app namespaces). */
  readonly injection: boolean;
  /** The revision or tag this namespace injects from instead of `istio.injectionRevision` (e.g. to try a canary). */
  readonly revision?: string;
  /**
   * Its workloads call the Kubernetes API (`kubernetes.default`): its Sidecar lets them reach it, which under
   * REGISTRY_ONLY it otherwise sends to the BlackHole cluster. @defaultValue false
   */
  readonly kubernetesApi: boolean;
}
