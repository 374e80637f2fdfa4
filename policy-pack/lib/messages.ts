/** One problem found in one resource: where it is, what was found, what was expected and how to fix it. */
export interface Finding {
  /** Field path inside the resource, e.g. `spec.http[0].route`. */
  readonly path: string;
  readonly found: unknown;
  readonly expected: string;
  readonly fix: string;
  /**
   * The `istioctl analyze` message this finding corresponds to, where its policy raises several (IST0102 or
   * IST0148 for one namespace label check), or `stricter` where the pack's rule goes beyond istioctl's: shown at
   * the end of the message.
   */
  readonly istioctlCode?: string;
}

/** Renders a found value for a message: strings quoted, objects as compact JSON, absence as `(not set)`. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) {
    return "(not set)";
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  const json = JSON.stringify(value);
  return json.length > 200 ? `${json.slice(0, 197)}...` : json;
}

/** `VirtualService shop/reviews: spec.http[0].route has ...; found 90, expected 100. Fix: ...` */
export function formatFinding(resourceLabel: string, finding: Finding): string {
  const code = finding.istioctlCode === "stricter" ? " (stricter than istioctl)" : finding.istioctlCode ? ` (istioctl ${finding.istioctlCode})` : "";
  return `${resourceLabel}: ${finding.path} found ${formatValue(finding.found)}, expected ${finding.expected}. ${finding.fix}${code}`;
}
