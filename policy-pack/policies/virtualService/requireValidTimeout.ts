import { defineResourcePolicy } from "../../lib/definePolicy";
import { durationProblem } from "../../lib/duration";
import { httpRouteSettings } from "../../lib/virtualService";

const maxTimeoutMs = 300_000;

/** Property 8: route timeouts between 1ms and 300s. */
export const requireValidTimeout = defineResourcePolicy({
  name: "istio-virtualservice-require-valid-timeout",
  description:
    "A VirtualService HTTP route `timeout` must be a duration of at least 1ms and at most 300s (property 8). " +
    "Set a timeout such as 10s.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["VirtualService"],
  check: (virtualService) =>
    httpRouteSettings(virtualService.spec, "timeout").flatMap(({ path, value }) => {
      const problem = durationProblem(value, 1, maxTimeoutMs);
      return problem ? [{ path, found: value, expected: problem, fix: "Set the route timeout between 1ms and 300s." }] : [];
    }),
});
