import { defineResourcePolicy } from "../../lib/definePolicy";
import { annotationDefinition, annotationValidators, isIstioAnnotation, selfWrittenAnnotations } from "../../lib/istioAnnotations";
import { Finding } from "../../lib/messages";
import { asRecord, asStringMap } from "../../lib/values";

/** Istio annotations that exist, sit on a kind they apply to, hold a valid value and are current (istioctl IST0107, IST0108, IST0125, IST0135). */
export const requireValidAnnotations = defineResourcePolicy({
  name: "istio-resource-require-valid-annotations",
  description:
    "Istio annotations on Namespaces, Services, Pods and Deployments must be ones Istio 1.30 knows (istioctl IST0108), " +
    "on a kind they apply to (IST0107), with a value Istio accepts (IST0125), and not deprecated (IST0135); anything " +
    "else is silently ignored. Fix the annotation name, move it (sidecar annotations belong on the pod template), " +
    "or use its replacement.",
  enforcementLevel: "advisory",
  severity: "low",
  kinds: ["Namespace", "Service", "Pod", "Deployment"],
  check: (resource) => {
    const findings: Finding[] = [];
    const annotations = asStringMap(asRecord(resource.props.metadata).annotations);
    for (const [name, value] of Object.entries(annotations)) {
      if (!isIstioAnnotation(name) || selfWrittenAnnotations.has(name)) continue;
      const path = `metadata.annotations["${name}"]`;
      const definition = annotationDefinition(name);
      if (definition === undefined) {
        findings.push({ path, found: name, expected: "an annotation Istio 1.30 defines", fix: "Fix the annotation's name, or remove it.", istioctlCode: "IST0108" });
        continue;
      }
      if (definition.deprecated && !(name === "sidecar.istio.io/inject" && resource.labels["sidecar.istio.io/inject"] !== undefined)) {
        findings.push({ path, found: name, expected: name === "sidecar.istio.io/inject" ? "the sidecar.istio.io/inject label (the annotation is deprecated)" : "no deprecated annotation", fix: "Use the annotation's replacement.", istioctlCode: "IST0135" });
      }
      if (definition.resources.includes("Any")) continue;
      if (!definition.resources.includes(resource.kind)) {
        findings.push({ path, found: name, expected: `the annotation on a ${definition.resources.join(", ")}`, fix: "Move the annotation to the kind it applies to (sidecar settings go on the pod template).", istioctlCode: "IST0107" });
        continue;
      }
      const validator = annotationValidators[name];
      if (validator !== undefined && !validator.accepts(value)) {
        findings.push({ path, found: value, expected: validator.expected, fix: "Correct the annotation's value.", istioctlCode: "IST0125" });
      }
    }
    return findings;
  },
});
