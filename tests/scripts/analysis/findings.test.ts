import fc from "fast-check";
import {
  analysisExitCode,
  type AnalyzerMessage,
  collectFindings,
  failsGate,
  type Finding,
  formatFindings,
  globMatches,
  type InputSource,
  referencedFile,
  unusedSuppressions,
} from "../../../scripts/analysis/findings";
import type { AnalysisSuppression, Environment } from "../../../settings";
import { propertyRuns } from "../../arbitraries/runs";

const destinationRule: InputSource = { owner: "kubernetes:networking.istio.io/v1:DestinationRule mesh-shop-api-destination-rule", standIn: false };
const istiod: InputSource = { owner: "kubernetes:helm.sh/v3:Release istio-istiod", via: "rendered by chart istiod", standIn: false };
const sources = new Map<string, InputSource>([
  ["/in/manifests/shop/DestinationRule-api.yaml", destinationRule],
  ["/in/charts/istiod.yaml", istiod],
]);

function message(overrides: Partial<AnalyzerMessage> = {}): AnalyzerMessage {
  return {
    code: "IST0101",
    level: "Error",
    message: 'Referenced host not found: "api.shop.svc.cluster.local"',
    origin: "DestinationRule shop/api",
    reference: "/in/manifests/shop/DestinationRule-api.yaml:9",
    ...overrides,
  };
}

const suppression = (overrides: Partial<AnalysisSuppression> = {}): AnalysisSuppression => ({
  code: "IST0101",
  resource: "DestinationRule shop/api",
  reason: "the host is created by the app team's pipeline",
  ...overrides,
});

describe("references and istioctl's suppression pattern", () => {
  test("a reference is the input file and a line", () => {
    expect(referencedFile("/in/charts/istiod.yaml:3390")).toBe("/in/charts/istiod.yaml");
    expect(referencedFile(undefined)).toBeUndefined();
  });

  test.each([
    ["DestinationRule shop/api", "DestinationRule shop/api", true],
    ["DestinationRule shop/*", "DestinationRule shop/api", true],
    ["* shop/api", "DestinationRule shop/api", true],
    ["DestinationRule shop/api", "DestinationRule shop/api2", false],
    ["DestinationRule shop.api", "DestinationRule shop/api", false],
    ["DestinationRule shop/a.i", "DestinationRule shop/api", false],
    ["Gateway *", "DestinationRule shop/api", false],
  ])("%j matches %j: %s", (pattern, origin, expected) => {
    expect(globMatches(pattern, origin)).toBe(expected);
  });
});

describe("collectFindings", () => {
  test("each message is attributed to the resource of the stack its input file holds", () => {
    const [finding] = collectFindings([message()], [], sources, []);
    expect(finding.source).toEqual(destinationRule);
    expect(finding.reportedByIstioctl).toBe(false);
  });

  test("a message on an object a chart renders belongs to the release, saying so", () => {
    const [finding] = collectFindings([message({ code: "IST0175", level: "Warning", origin: "Deployment istio-system/istiod", reference: "/in/charts/istiod.yaml:3390" })], [], sources, []);
    expect(finding.source).toEqual(istiod);
  });

  test("a message the stock istioctl gives too is marked, and one only istioctl gives is kept", () => {
    const both = message();
    const istioctlOnly = message({ code: "IST0133", level: "Warning", message: "Schema validation warning" });
    const findings = collectFindings([both], [both, istioctlOnly], sources, []);
    expect(findings.map((finding) => [finding.code, finding.reportedByIstioctl])).toEqual([["IST0101", true], ["IST0133", true]]);
  });

  test("a suppression accepts the finding whose code and resource it names, and nothing else", () => {
    const accepted = suppression();
    const findings = collectFindings([message(), message({ code: "IST0128", level: "Warning" }), message({ origin: "DestinationRule shop/worker" })], [], sources, [accepted]);
    expect(findings.map((finding) => finding.suppressedBy)).toEqual([accepted, undefined, undefined]);
  });

  test("a mesh-wide message (no resource) is never suppressed and belongs to no resource", () => {
    const [finding] = collectFindings([message({ origin: undefined, reference: undefined })], [], sources, [suppression({ resource: "*" })]);
    expect(finding.suppressedBy).toBeUndefined();
    expect(finding.source).toBeUndefined();
  });

  test("a stand-in limit sets a finding aside with its reason", () => {
    const [finding] = collectFindings([message({ code: "IST0161" })], [], sources, [], (found) => (found.code === "IST0161" ? "judges a certificate cert-manager writes" : undefined));
    expect(finding.setAside).toBe("judges a certificate cert-manager writes");
    expect(failsGate(finding, "prod")).toBe(false);
  });

  test("a suppression that matches nothing is reported as unused", () => {
    const stale = suppression({ code: "IST0104" });
    const used = suppression();
    const findings = collectFindings([message()], [], sources, [stale, used]);
    expect(unusedSuppressions(findings, [stale, used])).toEqual([stale]);
  });
});

describe("the exit code", () => {
  const finding = (level: Finding["level"], extra: Partial<Finding> = {}): Finding => ({ ...message({ level }), reportedByIstioctl: true, ...extra });

  test.each<[Finding["level"], Environment, number]>([
    ["Error", "dev", 1],
    ["Error", "staging", 1],
    ["Error", "prod", 1],
    ["Warning", "dev", 0],
    ["Warning", "staging", 1],
    ["Warning", "prod", 1],
    ["Info", "dev", 0],
    ["Info", "prod", 0],
  ])("one %s in %s exits %d", (level, environment, exitCode) => {
    expect(analysisExitCode([finding(level)], environment)).toBe(exitCode);
  });

  test("a suppressed Error fails nothing", () => {
    expect(analysisExitCode([finding("Error", { suppressedBy: suppression() })], "prod")).toBe(0);
  });

  test("property: exit 1 exactly when an Error, or a Warning outside dev, is neither suppressed nor set aside", () => {
    const generatedFinding = fc.record({
      level: fc.constantFrom<Finding["level"]>("Error", "Warning", "Info"),
      suppressed: fc.boolean(),
      setAside: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(generatedFinding, { maxLength: 8 }), fc.constantFrom<Environment>("dev", "staging", "prod"), (generated, environment) => {
        const findings = generated.map(({ level, suppressed, setAside }) =>
          finding(level, { ...(suppressed ? { suppressedBy: suppression() } : {}), ...(setAside ? { setAside: "runtime content" } : {}) }),
        );
        const expected = generated.some(({ level, suppressed, setAside }) => !suppressed && !setAside && (level === "Error" || (level === "Warning" && environment !== "dev")));
        expect(analysisExitCode(findings, environment)).toBe(expected ? 1 : 0);
      }),
      propertyRuns,
    );
  });
});

describe("the report", () => {
  test("prints each finding's level, code, the resource of the stack, istioctl's resource and the message, then the verdict", () => {
    const findings = collectFindings([message(), message({ code: "IST0175", level: "Warning", origin: "Deployment istio-system/istiod", reference: "/in/charts/istiod.yaml:1", message: "BLOCKED_CIDRS_IN_JWKS_URIS is not configured" })], [message()], sources, []);
    const report = formatFindings("prod", "prod", findings, []);
    expect(report).toContain("Error   IST0101  kubernetes:networking.istio.io/v1:DestinationRule mesh-shop-api-destination-rule  [fails; istioctl reports it too]");
    expect(report).toContain('DestinationRule shop/api: Referenced host not found: "api.shop.svc.cluster.local"');
    expect(report).toContain("Warning IST0175  kubernetes:helm.sh/v3:Release istio-istiod (rendered by chart istiod)  [fails]");
    expect(report).toContain("1 errors, 1 warnings, 0 info; 0 suppressed, 0 set aside; 2 failing");
  });

  test("prints a suppressed finding with its reason, and a note for a suppression that matched nothing", () => {
    const accepted = suppression();
    const stale = suppression({ code: "IST0104", resource: "Gateway istio-ingress/old" });
    const report = formatFindings("dev", "dev", collectFindings([message()], [], sources, [accepted, stale]), [accepted, stale]);
    expect(report).toContain("suppressed (istio-mesh:analysis.suppressions): the host is created by the app team's pipeline");
    expect(report).toContain('note: the suppression IST0104 "Gateway istio-ingress/old" matched no finding');
    expect(report).toContain("passed");
  });
});
