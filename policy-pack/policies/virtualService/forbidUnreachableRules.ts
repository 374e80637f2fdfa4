import { defineResourcePolicy } from "../../lib/definePolicy";
import { unreachableRoutes } from "../../lib/routeReachability";

/** Rules and matches no request can reach (istioctl IST0130, IST0131). */
export const forbidUnreachableRules = defineResourcePolicy({
  name: "istio-virtualservice-forbid-unreachable-rules",
  description:
    "Every rule of a VirtualService must be reachable: no rule after one without matches, no rule whose matches all " +
    "repeat earlier ones (istioctl IST0130), no match an earlier rule already has or whose URI prefix an earlier, " +
    "otherwise equal, prefix match takes (IST0131). Reorder the rules (most specific first) or remove the dead ones.",
  enforcementLevel: "advisory",
  severity: "medium",
  kinds: ["VirtualService"],
  check: (virtualService) =>
    unreachableRoutes(virtualService.spec).map(({ kind, path, detail }) => ({
      path,
      found: kind === "unreachable" ? "an unreachable rule" : "an ineffective match",
      expected: `a rule or match requests can reach (${detail})`,
      fix: "Put more specific rules first, or remove the dead rule or match.",
      istioctlCode: kind === "unreachable" ? "IST0130" : "IST0131",
    })),
});
