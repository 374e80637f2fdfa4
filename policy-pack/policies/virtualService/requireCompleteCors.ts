import { defineResourcePolicy } from "../../lib/definePolicy";
import { asArray, asRecord } from "../../lib/values";
import { httpRouteSettings } from "../../lib/virtualService";

const requiredLists = ["allowOrigins", "allowMethods", "allowHeaders"] as const;

/** Property 12: a CORS policy that names what it allows. */
export const requireCompleteCors = defineResourcePolicy({
  name: "istio-virtualservice-require-complete-cors",
  description:
    "A VirtualService `corsPolicy` must list `allowOrigins`, `allowMethods` and `allowHeaders`, each non-empty " +
    "(property 12). Add the missing lists to the corsPolicy.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["VirtualService"],
  check: (virtualService) =>
    httpRouteSettings(virtualService.spec, "corsPolicy").flatMap(({ path, value }) =>
      requiredLists
        .filter((list) => asArray(asRecord(value)[list]).length === 0)
        .map((list) => ({
          path: `${path}.${list}`,
          found: asRecord(value)[list],
          expected: "a non-empty list",
          fix: `Add at least one entry to corsPolicy.${list}.`,
        })),
    ),
});
