import { stringify } from "yaml";
import { autoName, type Registration } from "./mockEngine";
import { providerLookup } from "./providerLookup";

/** A file the render writes, its path relative to the `--out` directory. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Kinds of the core APIs that live outside any namespace; their manifests go to `manifests/_cluster/`. Custom
 * resource kinds named `Cluster…` (cert-manager's ClusterIssuer, Kyverno's ClusterPolicy) are cluster-scoped too.
 */
const clusterScopedKinds = new Set([
  "APIService",
  "ClusterRole",
  "ClusterRoleBinding",
  "CSIDriver",
  "CustomResourceDefinition",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "Namespace",
  "PersistentVolume",
  "PriorityClass",
  "RuntimeClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
]);

const helmTypePrefix = "kubernetes:helm.sh/";

/** `kubernetes:core/v1:Namespace` → `v1`, `kubernetes:apps/v1:Deployment` → `apps/v1`: the core group has no name. */
export function apiVersionOfType(type: string): string {
  const module = type.split(":")[1] ?? "";
  return module.startsWith("core/") ? module.slice("core/".length) : module;
}

function kindOfType(type: string): string {
  return type.split(":")[2] ?? "";
}

/** The namespace an object without one lands in: its provider's `namespace`, else `default`, as the provider does. */
export function defaultNamespaceOf(registration: Registration, registrations: readonly Registration[]): string {
  return (providerLookup(registrations)(registration)?.inputs.namespace as string | undefined) ?? "default";
}

/** Custom resources of the Kubernetes provider that are objects in the cluster (Helm releases are written apart). */
function isKubernetesObject(registration: Registration): boolean {
  return (
    registration.custom &&
    registration.type.startsWith("kubernetes:") &&
    !registration.type.startsWith(helmTypePrefix) &&
    typeof registration.inputs.metadata === "object"
  );
}

/** A Kubernetes object's manifest file, with the resource it comes from. */
export interface ManifestFile extends RenderedFile {
  readonly registration: Registration;
  readonly manifest: Record<string, unknown>;
}

/** One YAML manifest per Kubernetes object, as `kubectl apply` would take it: `manifests/<namespace>/<Kind>-<name>.yaml`. */
export function manifestFiles(registrations: readonly Registration[]): ManifestFile[] {
  return registrations.filter(isKubernetesObject).map((registration) => {
    const { apiVersion, kind, metadata, ...body } = registration.inputs as {
      apiVersion?: string;
      kind?: string;
      metadata: Record<string, unknown>;
    };
    const objectKind = kind ?? kindOfType(registration.type);
    const name = (metadata.name as string | undefined) ?? autoName(registration.name, registration.type);
    const namespace = metadata.namespace as string | undefined;
    const clusterScoped = clusterScopedKinds.has(objectKind) || objectKind.startsWith("Cluster");
    const folder = namespace ?? (clusterScoped ? "_cluster" : defaultNamespaceOf(registration, registrations));
    const manifest = { apiVersion: apiVersion ?? apiVersionOfType(registration.type), kind: objectKind, metadata: { ...metadata, name }, ...body };
    return { path: `manifests/${folder}/${objectKind}-${name}.yaml`, content: stringify(manifest), registration, manifest };
  });
}
