/** Walks a DestinationRule spec: every traffic policy, at rule, port and subset level. */
import { asArray, asRecord, isSet, Json } from "./values";
import { Located } from "./virtualService";

function withPortLevels(policy: Json, path: string): Located<Json>[] {
  const portLevels = asArray(policy.portLevelSettings).map((setting, i) => ({
    path: `${path}.portLevelSettings[${i}]`,
    value: asRecord(setting),
  }));
  return [{ path, value: policy }, ...portLevels];
}

/** The rule's trafficPolicy, its port-level settings, and the same for every subset. */
export function trafficPolicies(spec: Json): Located<Json>[] {
  const located: Located<Json>[] = [];
  if (isSet(spec.trafficPolicy)) {
    located.push(...withPortLevels(asRecord(spec.trafficPolicy), "spec.trafficPolicy"));
  }
  asArray(spec.subsets).forEach((subset, i) => {
    const policy = asRecord(subset).trafficPolicy;
    if (isSet(policy)) {
      located.push(...withPortLevels(asRecord(policy), `spec.subsets[${i}].trafficPolicy`));
    }
  });
  return located;
}

/** Every `tls` block among the traffic policies. */
export function tlsSettings(spec: Json): Located<Json>[] {
  return trafficPolicies(spec)
    .filter(({ value }) => isSet(value.tls))
    .map(({ path, value }) => ({ path: `${path}.tls`, value: asRecord(value.tls) }));
}

/**
 * The TLS settings that apply to one port, with their path. A port-level entry for the port replaces the rule-level
 * settings whole, as Istio applies it (`GetPortLevelTrafficPolicy`: port-level policies do not inherit, a field the
 * entry omits gets its default): its `tls`, or none when the entry has no `tls`.
 */
export function tlsForPort(spec: Json, port: number): Located<Json | undefined> {
  const policy = asRecord(spec.trafficPolicy);
  const portLevelIndex = asArray(policy.portLevelSettings).findIndex((setting) => asRecord(asRecord(setting).port).number === port);
  if (portLevelIndex >= 0) {
    const portLevel = asRecord(asArray(policy.portLevelSettings)[portLevelIndex]);
    return { path: `spec.trafficPolicy.portLevelSettings[${portLevelIndex}].tls`, value: isSet(portLevel.tls) ? asRecord(portLevel.tls) : undefined };
  }
  return { path: "spec.trafficPolicy.tls", value: isSet(policy.tls) ? asRecord(policy.tls) : undefined };
}
