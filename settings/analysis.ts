import { z } from "zod";
import { nonEmptyString } from "./validators";

/**
 * `istio-mesh:analysis`: how `npm run analyze` treats istioctl's findings on this stack. A suppression names one
 * message code and the resource as istioctl prints it, and says why the finding is accepted.
 */

/** istioctl's message codes: `IST` and four digits (`IST0101`). */
const codePattern = /^IST\d{4}$/;
/** `<Kind> <namespace>/<name>` or `<Kind> <name>` (cluster-scoped), as istioctl prints a finding's origin; `*` matches any text. */
const resourcePattern = /^[A-Za-z*][A-Za-z0-9*]* [a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?(\/[a-z0-9*]([-a-z0-9.*]*[a-z0-9*])?)?$/;

export const analysisInput = z.strictObject({
  suppressions: z
    .array(
      z.strictObject({
        code: z.string({ error: "expected an istioctl message code such as \"IST0101\"" }).regex(codePattern, { error: "expected an istioctl message code such as \"IST0101\"" }),
        resource: z
          .string({ error: "expected a resource as istioctl prints it, \"<Kind> <namespace>/<name>\" (\"*\" matches any text)" })
          .regex(resourcePattern, { error: "expected a resource as istioctl prints it, \"<Kind> <namespace>/<name>\" (\"*\" matches any text)" }),
        reason: nonEmptyString,
      }),
      { error: "expected a list of suppressions ({code, resource, reason})" },
    )
    .optional(),
});

/** One istioctl finding accepted on purpose. */
export interface AnalysisSuppression {
  /** The message code, e.g. `IST0133`. */
  readonly code: string;
  /** The resource as istioctl prints it, e.g. `EnvoyFilter istio-ingress/ingress-local-ratelimit`; `*` matches any text. */
  readonly resource: string;
  /** Why the finding is accepted; printed with every finding it suppresses. */
  readonly reason: string;
}

export interface AnalysisSettings {
  /** Findings of `npm run analyze` accepted on purpose. @defaultValue none */
  readonly suppressions: readonly AnalysisSuppression[];
}

export function resolveAnalysis(input: z.infer<typeof analysisInput> | undefined): AnalysisSettings {
  return { suppressions: input?.suppressions ?? [] };
}
