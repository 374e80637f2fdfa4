import { defineResourcePolicy } from "../../lib/definePolicy";
import { isIstiodRelease, meshConfigOf } from "../../lib/helmReleases";
import { isRecord } from "../../lib/values";

function parsesAsJsonObject(text: string): boolean {
  try {
    return isRecord(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Property 14: JSON access logs have a format that is itself a JSON object. */
export const requireJsonAccessLogFormat = defineResourcePolicy({
  name: "istio-helmrelease-require-json-access-log-format",
  description:
    "When istiod's meshConfig sets `accessLogEncoding: JSON` and an `accessLogFormat`, the format must parse as " +
    "a JSON object (property 14). Write accessLogFormat as a JSON object of field → Envoy command operator.",
  enforcementLevel: "mandatory",
  severity: "low",
  kinds: ["HelmRelease"],
  check: (release) => {
    if (!isIstiodRelease(release)) {
      return [];
    }
    const meshConfig = meshConfigOf(release);
    const format = meshConfig.accessLogFormat;
    if (meshConfig.accessLogEncoding !== "JSON" || format === undefined || format === null || format === "") {
      return [];
    }
    return typeof format === "string" && parsesAsJsonObject(format)
      ? []
      : [{
          path: "values.meshConfig.accessLogFormat",
          found: format,
          expected: "a JSON object, e.g. {\"status\":\"%RESPONSE_CODE%\"}",
          fix: "Write the access log format as a JSON object.",
        }];
  },
});
