import type { Environment } from "../../settings";
import type { AnalysisSuppression } from "../../settings";

/** One message of `istioctl analyze -o json` (offline-analyze prints the same shape). */
export interface AnalyzerMessage {
  readonly code: string;
  readonly level: "Error" | "Warning" | "Info";
  readonly message: string;
  /** The object as istioctl names it, `<Kind> <namespace>/<name>`; absent for mesh-wide findings. */
  readonly origin?: string;
  /** `<file>:<line>` of the object in the analysis input. */
  readonly reference?: string;
  readonly documentationUrl?: string;
}

/** Where an analyzed file comes from: a resource of the stack, a chart a release renders, or a stand-in. */
export interface InputSource {
  /** The Pulumi resource as the render prints it, `<type> <name>`, or the config key a stand-in is built from. */
  readonly owner: string;
  /** How the analyzed object relates to it (`rendered by chart istiod`, `stand-in: …`); absent for the resource's own object. */
  readonly via?: string;
  readonly standIn: boolean;
}

export interface Finding extends AnalyzerMessage {
  readonly source?: InputSource;
  /** The stock `istioctl analyze --use-kube=false` reports it too (it skips analyzers that need Pods, Services, Secrets). */
  readonly reportedByIstioctl: boolean;
  readonly suppressedBy?: AnalysisSuppression;
  /** Why the tool sets it aside: it judges what a stand-in cannot carry (never a user's choice). */
  readonly setAside?: string;
}

/** Says why a message only judges what a stand-in cannot carry, or undefined for a real finding. */
export type StandInLimit = (message: AnalyzerMessage) => string | undefined;

/** The input file of a `<file>:<line>` reference. */
export function referencedFile(reference: string | undefined): string | undefined {
  if (reference === undefined) return undefined;
  const match = /^(.*):\d+$/.exec(reference);
  return match ? match[1] : reference;
}

/** istioctl's suppression match (ryanuber/go-glob): `*` matches any text, everything else itself. */
export function globMatches(pattern: string, text: string): boolean {
  const expression = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*");
  return new RegExp(`^${expression}$`, "s").test(text);
}

function messageKey(message: AnalyzerMessage): string {
  return `${message.code}\u0000${message.origin ?? ""}\u0000${message.message}`;
}

/**
 * The findings of one analysis: offline-analyze's messages (a superset of the stock istioctl's), each with the
 * input it comes from, whether istioctl reports it too, and the user suppression that accepts it. A message
 * only istioctl gives is kept as well, so nothing istioctl says is lost.
 */
export function collectFindings(
  offline: readonly AnalyzerMessage[],
  istioctl: readonly AnalyzerMessage[],
  sources: ReadonlyMap<string, InputSource>,
  suppressions: readonly AnalysisSuppression[],
  standInLimit: StandInLimit = () => undefined,
): Finding[] {
  const istioctlKeys = new Set(istioctl.map(messageKey));
  const offlineKeys = new Set(offline.map(messageKey));
  const messages = [...offline, ...istioctl.filter((message) => !offlineKeys.has(messageKey(message)))];
  return messages.map((message) => {
    const file = referencedFile(message.reference);
    const setAside = standInLimit(message);
    const suppressedBy = suppressions.find(
      (suppression) => suppression.code === message.code && message.origin !== undefined && globMatches(suppression.resource, message.origin),
    );
    return {
      ...message,
      source: file === undefined ? undefined : sources.get(file),
      reportedByIstioctl: istioctlKeys.has(messageKey(message)),
      ...(suppressedBy ? { suppressedBy } : {}),
      ...(setAside ? { setAside } : {}),
    };
  });
}

export const analysisExitCodes = { ok: 0, findings: 1, configError: 2, toolsUnavailable: 3 } as const;

/** Does a finding fail the stack? Errors fail every stack, warnings staging and prod, info never; suppressed and set-aside ones never. */
export function failsGate(finding: Finding, environment: Environment): boolean {
  if (finding.suppressedBy !== undefined || finding.setAside !== undefined) return false;
  return finding.level === "Error" || (finding.level === "Warning" && environment !== "dev");
}

export function analysisExitCode(findings: readonly Finding[], environment: Environment): number {
  return findings.some((finding) => failsGate(finding, environment)) ? analysisExitCodes.findings : analysisExitCodes.ok;
}

/** Suppressions that accepted nothing: stale, or mistyped. */
export function unusedSuppressions(findings: readonly Finding[], suppressions: readonly AnalysisSuppression[]): AnalysisSuppression[] {
  return suppressions.filter((suppression) => !findings.some((finding) => finding.suppressedBy === suppression));
}

function findingLines(finding: Finding, environment: Environment): string[] {
  const verdict = failsGate(finding, environment) ? "fails" : finding.setAside ? "set aside" : finding.suppressedBy ? "suppressed" : "allowed";
  const owner = finding.source ? `${finding.source.owner}${finding.source.via ? ` (${finding.source.via})` : ""}` : "(mesh-wide, no resource)";
  return [
    `  ${finding.level.padEnd(7)} ${finding.code}  ${owner}  [${verdict}${finding.reportedByIstioctl ? "; istioctl reports it too" : ""}]`,
    `          ${finding.origin ?? "mesh config"}: ${finding.message}`,
    ...(finding.setAside ? [`          set aside by the analysis: ${finding.setAside}`] : []),
    ...(finding.suppressedBy ? [`          suppressed (istio-mesh:analysis.suppressions): ${finding.suppressedBy.reason}`] : []),
  ];
}

/** The report: each finding with its code, the resource it belongs to and the message; then the totals and the verdict. */
export function formatFindings(stack: string, environment: Environment, findings: readonly Finding[], suppressions: readonly AnalysisSuppression[]): string {
  const levels = ["Error", "Warning", "Info"] as const;
  const sorted = [...findings].sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level) || a.code.localeCompare(b.code) || (a.origin ?? "").localeCompare(b.origin ?? ""));
  const failing = findings.filter((finding) => failsGate(finding, environment)).length;
  const count = (level: string) => findings.filter((finding) => finding.level === level).length;
  const unused = unusedSuppressions(findings, suppressions);
  return [
    `Findings of istioctl's analyzers on stack ${stack} (${environment}: errors fail every stack, warnings fail staging and prod):`,
    ...(findings.length === 0 ? ["  none"] : sorted.flatMap((finding) => findingLines(finding, environment))),
    ...unused.map((suppression) => `  note: the suppression ${suppression.code} ${JSON.stringify(suppression.resource)} matched no finding; remove it if it is stale`),
    `${count("Error")} errors, ${count("Warning")} warnings, ${count("Info")} info; ${findings.filter((finding) => finding.suppressedBy).length} suppressed, ${findings.filter((finding) => finding.setAside).length} set aside; ${failing === 0 ? "passed" : `${failing} failing`}`,
    "",
  ].join("\n");
}
