import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { labels, dnsLabel, nonEmptyString, boolean } from "./validators";

export const kubernetesInput = z.strictObject({
  context: nonEmptyString.optional(),
});

export interface KubernetesSettings {
  /** kubeconfig context the stack deploys to; undefined uses the kubeconfig's current context. */
  readonly context?: string;
  /** The kubeconfig, from secret config; undefined reads `$KUBECONFIG` or `~/.kube/config`. */
  readonly kubeconfig?: pulumi.Output<string>;
}

export const namespacesInput = z.array(
  z.strictObject({
    name: dnsLabel,
    labels: labels.optional(),
    injection: boolean.optional(),
    kubernetesApi: boolean.optional(),
  }),
  { error: "expected a list of namespaces ({name, labels?, injection?, kubernetesApi?})" },
);

export interface AppNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Sidecar injection on (the default for app namespaces). */
  readonly injection: boolean;
  /**
   * Its workloads call the Kubernetes API (`kubernetes.default`): its Sidecar lets them reach it, which under
   * REGISTRY_ONLY it otherwise sends to the BlackHole cluster. @defaultValue false
   */
  readonly kubernetesApi: boolean;
}
