/**
 * Istio's `exportTo` visibility, as istioctl analyze scopes its conflict checks: a resource exported to every
 * namespace (`exportTo` unset or containing `*`) is seen by all; otherwise only by the namespaces listed (`.` is
 * its own). `~` exports to none. Two claims meet when their scopes share a namespace or either is `*`.
 */
import { asStringArray } from "./values";

export const allNamespaces = "*";

export function exportScopes(exportTo: unknown, namespace: string): string[] {
  const entries = asStringArray(exportTo);
  if (entries.length === 0 || entries.includes(allNamespaces)) {
    return [allNamespaces];
  }
  return [...new Set(entries.filter((entry) => entry !== "~").map((entry) => (entry === "." ? namespace : entry)))];
}

/**
 * Claims of a key (a host, a host and port) under export scopes. Each slot keeps at most two entries with distinct
 * `distinct` values, enough to answer "is there an entry that differs from mine" in constant time.
 */
export class ScopedIndex<T> {
  private readonly slots = new Map<string, T[]>();

  constructor(private readonly distinct: (entry: T) => string) {}

  /** An entry visible from any of `scopes` under `key` that `differs` accepts. */
  find(key: string, scopes: readonly string[], differs: (entry: T) => boolean): T | undefined {
    if (scopes.length === 0) {
      return undefined;
    }
    const slotKeys = scopes.includes(allNamespaces)
      ? [`any\u0000${key}`]
      : [`${allNamespaces}\u0000${key}`, ...scopes.map((scope) => `${scope}\u0000${key}`)];
    for (const slotKey of slotKeys) {
      const found = (this.slots.get(slotKey) ?? []).find(differs);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }

  add(key: string, scopes: readonly string[], entry: T): void {
    if (scopes.length === 0) {
      return;
    }
    for (const scope of scopes) {
      this.put(`${scope}\u0000${key}`, entry);
    }
    this.put(`any\u0000${key}`, entry);
  }

  private put(slotKey: string, entry: T): void {
    const slot = this.slots.get(slotKey) ?? [];
    if (slot.length < 2 && !slot.some((existing) => this.distinct(existing) === this.distinct(entry))) {
      slot.push(entry);
    }
    this.slots.set(slotKey, slot);
  }
}
