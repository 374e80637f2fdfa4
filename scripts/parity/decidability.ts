/**
 * Which of istioctl's analyzer test cases can be decided from declared resources, and why not where not: a
 * verdict on a live Pod (what the injector did to it), on a Secret's contents or on `.status` is out of reach
 * before deploy.
 */
import type { AnalyzerCase } from "./analyzerCases";

export interface Decidability {
  readonly decidable: boolean;
  /** Why the case, or the codes in `excludedCodes`, cannot be decided before deploy. */
  readonly notDecidable?: string;
  /** Codes of a decidable case that are compared no further (their verdict needs the live cluster). */
  readonly excludedCodes: readonly string[];
}

const liveProxyImage =
  "IST0158 compares the proxy image of running pods with the injector's: the injector writes the proxy at admission, so declared pods have none";

/** Cases decided (in part) from the live cluster, by analyzer. */
const byAnalyzer: Readonly<Record<string, Decidability>> = {
  "maturity.AlphaAnalyzer": {
    decidable: false,
    notDecidable: "`istioctl analyze` does not run the alpha-annotation analyzer (not registered in analyzers.All())",
    excludedCodes: [],
  },
  "injection.ImageAnalyzer": { decidable: false, notDecidable: liveProxyImage, excludedCodes: [] },
  "conditions.ConditionAnalyzer": {
    decidable: false,
    notDecidable: "IST0171 reads the conditions controllers write into `.status`, which declared resources do not have",
    excludedCodes: [],
  },
  "injection.Analyzer": {
    decidable: true,
    notDecidable: "IST0103 (pod missing its proxy) judges running pods: the injector adds the proxy at admission, so a declared pod never has it",
    excludedCodes: ["IST0103"],
  },
  "injection.ImageAutoAnalyzer": {
    decidable: true,
    notDecidable:
      "IST0147 on a Pod in an injected namespace judges a running pod that kept `image: auto`; a declared Pod the webhooks select is injected at admission (the pack reports declared Pods no webhook selects, as IST0147)",
    excludedCodes: [],
  },
};

const byCase: Readonly<Record<string, Decidability>> = {
  "ServiceEntry Addresses Allocated": {
    decidable: false,
    notDecidable: "the ServiceEntry's addresses are the ones istiod allocated and wrote into `.status`, which declared resources do not have",
    excludedCodes: [],
  },
  gatewaySecretValidations: {
    decidable: false,
    notDecidable: "IST0161 parses the certificate inside the Secret: its contents are secret, and cert-manager writes them at runtime",
    excludedCodes: [],
  },
};

export function caseDecidability(testCase: AnalyzerCase): Decidability {
  return byCase[testCase.name] ?? byAnalyzer[testCase.analyzer] ?? { decidable: true, excludedCodes: [] };
}
