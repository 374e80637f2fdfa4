import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";
import { destinationLists } from "../../lib/virtualService";

/** Property 5: traffic split across several destinations must add up to exactly 100. */
export const requireWeightsSum100 = defineResourcePolicy({
  name: "istio-virtualservice-require-weights-sum-100",
  description:
    "A VirtualService route with two or more destinations must give each an integer weight, and the weights must " +
    "sum to 100 (property 5). Set `weight` on every destination of the route so they add up to 100.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["VirtualService"],
  check: (virtualService) => {
    const findings: Finding[] = [];
    for (const { path, value: routes } of destinationLists(virtualService.spec)) {
      if (routes.length < 2) {
        continue;
      }
      let sum = 0;
      let allIntegers = true;
      routes.forEach((route, i) => {
        const weight = route.weight;
        if (typeof weight === "number" && Number.isInteger(weight)) {
          sum += weight;
          return;
        }
        allIntegers = false;
        findings.push({
          path: `${path}[${i}].weight`,
          found: weight,
          expected: `an integer weight (the route has ${routes.length} destinations)`,
          fix: "Give every destination of a split route an integer weight.",
        });
      });
      if (allIntegers && sum !== 100) {
        findings.push({
          path: `${path}[*].weight`,
          found: sum,
          expected: "a sum of 100",
          fix: "Adjust the destination weights so they add up to 100.",
        });
      }
    }
    return findings;
  },
});
