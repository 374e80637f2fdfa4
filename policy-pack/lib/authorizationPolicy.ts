/** Walks an AuthorizationPolicy's rules: the source, operation and condition fields each rule matches on. */
import { asArray, asRecord, asString, Json } from "./values";

export interface MatchField {
  readonly path: string;
  readonly field: string;
  readonly value: unknown;
}

/** `ALLOW` when the action is not set, as Istio defaults it. */
export function actionOf(spec: Json): string {
  return asString(spec.action) ?? "ALLOW";
}

/** Every field of every `from.source`, `to.operation` and `when` entry, with its path. */
export function matchFields(spec: Json): MatchField[] {
  const fields: MatchField[] = [];
  asArray(spec.rules).forEach((ruleEntry, r) => {
    const rule = asRecord(ruleEntry);
    const blocks: Array<[string, string, string]> = [
      ["from", "source", `spec.rules[${r}].from`],
      ["to", "operation", `spec.rules[${r}].to`],
    ];
    for (const [list, key, path] of blocks) {
      asArray(rule[list]).forEach((entry, i) => {
        for (const [field, value] of Object.entries(asRecord(asRecord(entry)[key]))) {
          fields.push({ path: `${path}[${i}].${key}.${field}`, field, value });
        }
      });
    }
    asArray(rule.when).forEach((condition, i) => {
      for (const [field, value] of Object.entries(asRecord(condition))) {
        fields.push({ path: `spec.rules[${r}].when[${i}].${field}`, field, value });
      }
    });
  });
  return fields;
}

export function isNegativeField(field: string): boolean {
  return /^not[A-Z]/.test(field);
}
