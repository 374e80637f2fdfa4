import fc from "fast-check";
import { parseSettings } from "../../settings";
import { propertyRuns } from "../arbitraries/runs";
import { problemsOf, withCriticalReceiver } from "../support/settingsProblems";

const suppression = { code: "IST0133", resource: "EnvoyFilter istio-ingress/ingress-local-ratelimit", reason: "no Istio API for local rate limits" };

describe("istio-mesh:analysis.suppressions", () => {
  test("none by default", () => {
    expect(parseSettings("dev", {}).analysis).toEqual({ suppressions: [] });
  });

  test("a code, a resource as istioctl prints it (wildcards allowed) and a reason", () => {
    const wildcard = { code: "IST0101", resource: "DestinationRule shop/*", reason: "hosts come from the app team" };
    const clusterScoped = { code: "IST0102", resource: "Namespace monitoring", reason: "no mesh workloads there" };
    expect(parseSettings("prod", withCriticalReceiver({ analysis: { suppressions: [suppression, wildcard, clusterScoped] } })).analysis.suppressions).toEqual([suppression, wildcard, clusterScoped]);
  });

  test.each([
    [{ ...suppression, code: "IST133" }, "analysis.suppressions[0].code: expected an istioctl message code such as \"IST0101\", got \"IST133\""],
    [{ ...suppression, resource: "EnvoyFilter" }, "analysis.suppressions[0].resource: expected a resource as istioctl prints it, \"<Kind> <namespace>/<name>\""],
    [{ ...suppression, resource: "EnvoyFilter ingress-local-ratelimit.istio-ingress/x/y" }, "analysis.suppressions[0].resource: expected a resource as istioctl prints it"],
    [{ ...suppression, reason: "" }, "analysis.suppressions[0].reason: expected a non-empty string, got \"\""],
    [{ code: suppression.code, resource: suppression.resource }, "analysis.suppressions[0].reason: expected a non-empty string, got nothing"],
    [{ ...suppression, until: "2027" }, "analysis.suppressions[0].until: expected one of the known keys (code, resource, reason)"],
  ])("%j is rejected naming the key", (bad, problem) => {
    expect(problemsOf("staging", { analysis: { suppressions: [bad] } }).join("\n")).toContain(problem);
  });

  test("an unknown key under analysis is an error", () => {
    expect(problemsOf("dev", { analysis: { suppress: [] } })[0]).toMatch(/^analysis\.suppress: expected one of the known keys \(suppressions\)/);
  });

  test("property: any code that is not IST and four digits is rejected naming the key and the value", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }).filter((code) => !/^IST\d{4}$/.test(code)),
        (code) => {
          expect(problemsOf("prod", withCriticalReceiver({ analysis: { suppressions: [{ ...suppression, code }] } }))).toEqual([
            `analysis.suppressions[0].code: expected an istioctl message code such as "IST0101", got ${JSON.stringify(code)}`,
          ]);
        },
      ),
      propertyRuns,
    );
  });
});
