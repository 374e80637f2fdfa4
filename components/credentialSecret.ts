import * as kubernetes from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { CredentialSecret } from "../settings/secrets";

/**
 * The Secret of a credential the stack writes from secret config, in `namespace` (one the stack creates: pass it
 * in `opts.dependsOn`); undefined when someone else writes it. Its values stay secret in state and previews.
 */
export function writeCredentialSecret(
  resourceName: string,
  credential: Extract<CredentialSecret, { source: "stack" }>,
  namespace: string,
  opts: pulumi.CustomResourceOptions,
): kubernetes.core.v1.Secret;
export function writeCredentialSecret(resourceName: string, credential: CredentialSecret, namespace: string, opts: pulumi.CustomResourceOptions): kubernetes.core.v1.Secret | undefined;
export function writeCredentialSecret(
  resourceName: string,
  credential: CredentialSecret,
  namespace: string,
  opts: pulumi.CustomResourceOptions,
): kubernetes.core.v1.Secret | undefined {
  if (credential.source === "existing") return undefined;
  return new kubernetes.core.v1.Secret(resourceName, { metadata: { name: credential.name, namespace }, type: "Opaque", stringData: { ...credential.data } }, opts);
}
