import fc from "fast-check";
import { requireValidLocalRateLimit } from "../../../policy-pack/policies/envoyFilter/requireValidLocalRateLimit";
import { durationWithin, invalidDuration } from "../../arbitraries/duration";
import { propertyRuns } from "../../arbitraries/runs";
import { envoyFilter } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidLocalRateLimit;
const label = "EnvoyFilter shop/local-rate-limit";
const bucketPath = "spec.configPatches[0].patch.value.typed_config.value.token_bucket";
const withBucket = (bucket: Record<string, unknown>) => withField(envoyFilter(), bucketPath, bucket);

describe(policy.name, () => {
  it("passes 100 tokens refilled by 100 every second", () => expectCompliant(policy, [envoyFilter()]));
  it("passes a bucket that leaves tokens_per_fill at its default", () => expectCompliant(policy, [withBucket({ max_tokens: 10, fill_interval: "60s" })]));
  it("passes a fill_interval written as seconds and nanos", () => expectCompliant(policy, [withBucket({ max_tokens: 10, fill_interval: { seconds: 0, nanos: 500_000_000 } })]));

  it("fails max_tokens 0", async () =>
    expectViolations(await runPolicy(policy, [withBucket({ max_tokens: 0, tokens_per_fill: 1, fill_interval: "1s" })]), [
      { resource: label, path: `${bucketPath}.max_tokens`, found: "0", expected: "an integer greater than 0" },
    ]));
  it("fails tokens_per_fill 0", async () =>
    expectViolations(await runPolicy(policy, [withBucket({ max_tokens: 5, tokens_per_fill: 0, fill_interval: "1s" })]), [{ resource: label, path: `${bucketPath}.tokens_per_fill`, found: "0" }]));
  it("fails a missing fill_interval", async () =>
    expectViolations(await runPolicy(policy, [withBucket({ max_tokens: 5 })]), [{ resource: label, path: `${bucketPath}.fill_interval`, found: "(not set)" }]));
  it("fails a per-descriptor bucket deeper in the config", async () => {
    const descriptors = [{ entries: [{ key: "path", value: "/api" }], token_bucket: { max_tokens: 0, fill_interval: "1s" } }];
    const resource = withField(envoyFilter(), "spec.configPatches[0].patch.value.typed_config.value.descriptors", descriptors);
    expectViolations(await runPolicy(policy, [resource]), [
      { resource: label, path: "spec.configPatches[0].patch.value.typed_config.value.descriptors[0].token_bucket.max_tokens", found: "0" },
    ]);
  });

  describe("a bucket on a virtual host (per-filter config, one bucket for all the host's routes)", () => {
    const virtualHostPatch = (bucket: Record<string, unknown>) => ({
      applyTo: "VIRTUAL_HOST",
      match: { context: "GATEWAY", routeConfiguration: { vhost: { name: "shop.example.com:443" } } },
      patch: {
        operation: "MERGE",
        value: { typed_per_filter_config: { "envoy.filters.http.local_ratelimit": { "@type": "type.googleapis.com/udpa.type.v1.TypedStruct", value: { token_bucket: bucket } } } },
      },
    });
    const withVirtualHost = (bucket: Record<string, unknown>) => withField(envoyFilter(), "spec.configPatches[1]", virtualHostPatch(bucket));

    it("passes a valid one", () => expectCompliant(policy, [withVirtualHost({ max_tokens: 50, tokens_per_fill: 50, fill_interval: "1s" })]));
    it("fails max_tokens 0 and names the virtual host patch", async () =>
      expectViolations(await runPolicy(policy, [withVirtualHost({ max_tokens: 0, tokens_per_fill: 1, fill_interval: "1s" })]), [
        { resource: label, path: "spec.configPatches[1].patch.value.typed_per_filter_config.envoy.filters.http.local_ratelimit.value.token_bucket.max_tokens", found: "0" },
      ]));
  });

  itReportsAtConfiguredLevels(policy, () => [withBucket({ max_tokens: -1, fill_interval: "1s" })]);

  it("passes any positive bucket with a fill interval of at least 1ms", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), durationWithin(1, 3_600_000), async (maxTokens, perFill, interval) => {
        expect(await runPolicy(policy, [withBucket({ max_tokens: maxTokens, tokens_per_fill: perFill, fill_interval: interval })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails and names every broken bucket field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1000, max: 0 }), fc.integer({ min: -1000, max: 0 }), invalidDuration(), async (maxTokens, perFill, interval) => {
        expectViolations(await runPolicy(policy, [withBucket({ max_tokens: maxTokens, tokens_per_fill: perFill, fill_interval: interval })]), [
          { resource: label, path: `${bucketPath}.max_tokens`, found: String(maxTokens) },
          { resource: label, path: `${bucketPath}.tokens_per_fill`, found: String(perFill) },
          { resource: label, path: `${bucketPath}.fill_interval`, found: JSON.stringify(interval) },
        ]);
      }),
      propertyRuns,
    );
  });
});
