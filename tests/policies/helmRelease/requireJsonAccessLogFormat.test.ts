import fc from "fast-check";
import { requireJsonAccessLogFormat } from "../../../policy-pack/policies/helmRelease/requireJsonAccessLogFormat";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireJsonAccessLogFormat;
const withFormat = (format: unknown) => withField(istiodRelease(), "values.meshConfig.accessLogFormat", format);
const path = "values.meshConfig.accessLogFormat";

describe(policy.name, () => {
  it("passes a JSON object format", () => expectCompliant(policy, [istiodRelease()]));
  it("passes JSON encoding with the default format", () => expectCompliant(policy, [withFormat(undefined)]));
  it("passes a text format with TEXT encoding", () =>
    expectCompliant(policy, [withField(withFormat("[%START_TIME%] %REQ(:METHOD)%"), "values.meshConfig.accessLogEncoding", "TEXT")]));

  it("fails a text format with JSON encoding", async () =>
    expectViolations(await runPolicy(policy, [withFormat("[%START_TIME%] %RESPONSE_CODE%")]), [
      { resource: "Helm release istio-system/istiod", path, found: '"[%START_TIME%] %RESPONSE_CODE%"', expected: 'a JSON object, e.g. {"status":"%RESPONSE_CODE%"}' },
    ]));
  it("fails a JSON array", async () =>
    expectViolations(await runPolicy(policy, [withFormat('["%RESPONSE_CODE%"]')]), [{ resource: "Helm release istio-system/istiod", path }]));

  itReportsAtConfiguredLevels(policy, () => [withFormat("{not json")]);

  it("passes any JSON object of fields to command operators", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.stringMatching(/^[a-z_]{1,12}$/), fc.constantFrom("%RESPONSE_CODE%", "%REQ(:PATH)%", "%DURATION%"), { minKeys: 1 }), async (fields) => {
        expect(await runPolicy(policy, [withFormat(JSON.stringify(fields))])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any format that is not a JSON object", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.stringMatching(/^\[%[A-Z_]{1,10}%\] [a-z ]{0,10}$/), fc.array(fc.string()).map((a) => JSON.stringify(a)), fc.integer().map(String)), async (format) => {
        expectViolations(await runPolicy(policy, [withFormat(format)]), [{ resource: "Helm release istio-system/istiod", path, found: JSON.stringify(format) }]);
      }),
      propertyRuns,
    );
  });
});
