import { nearest } from "./nearest";
import { projectName } from "./secrets";

/**
 * Config namespaces: the part of a key before the first `:`. Every key of this program lives under
 * `istio-mesh:`; `kubernetes:` and `pulumi:` belong to the Kubernetes provider and the engine. A namespace one or
 * two edits away from one of these is a typo whose keys nobody would read (a `istio-mseh:istio` block silently
 * drops a stack to its defaults), so it is an error. Any other namespace is someone else's (an ESC environment may
 * bring `aws:` or `gcp:` keys) and stays legal.
 */
export const knownNamespaces = [projectName, "kubernetes", "pulumi"] as const;

/** How far a namespace may be from a known one and still count as its misspelling. */
const typoDistance = 2;

function namespaceOf(fullKey: string): string {
  const colon = fullKey.indexOf(":");
  return colon < 0 ? "" : fullKey.slice(0, colon);
}

/** Keys under namespaces other than the project's, sorted: config the program does not read. */
export function foreignConfigKeys(fullKeys: Iterable<string>): string[] {
  return [...fullKeys].filter((key) => namespaceOf(key) !== projectName).sort();
}

/** A key under a misspelt namespace, and the key it was meant to be (`istio-mseh:istio` → `istio-mesh:istio`). */
export interface MisspeltKey {
  readonly key: string;
  readonly meantNamespace: string;
  /** The key without its namespace: for the project's, the top-level settings key that misses its values. */
  readonly name: string;
}

export function misspeltKeys(fullKeys: Iterable<string>): MisspeltKey[] {
  return [...fullKeys].sort().flatMap((key) => {
    const namespace = namespaceOf(key);
    const meantNamespace = (knownNamespaces as readonly string[]).includes(namespace) ? undefined : nearest(namespace, knownNamespaces, typoDistance);
    return meantNamespace === undefined ? [] : [{ key, meantNamespace, name: key.slice(namespace.length + 1) }];
  });
}

/** The problem line of a misspelt key; values are never shown (they may be secret). */
export function describeMisspeltKey({ key, meantNamespace, name }: MisspeltKey): string {
  return `${key}: expected the namespace "${meantNamespace}" (did you mean ${meantNamespace}:${name}?): nothing reads a key under "${namespaceOf(key)}", so it is an error`;
}
