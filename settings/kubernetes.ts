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
  }),
  { error: "expected a list of namespaces ({name, labels?, injection?})" },
);

export interface AppNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Sidecar injection on (the default for app namespaces). */
  readonly injection: boolean;
}
