/**
 * Kubernetes' own namespaces, which Istio never injects and istioctl leaves out of every analysis
 * (pkg/kube/inject IgnoredNamespaces).
 */
export const ignoredNamespaces: ReadonlySet<string> = new Set(["kube-system", "kube-public", "kube-node-lease", "local-path-storage"]);
