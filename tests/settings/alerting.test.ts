import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { parseSettings } from "../../settings";
import { propertyRuns } from "../arbitraries/runs";
import { missingSecretsOf, problemsOf } from "../support/settingsProblems";

/** Where alerts go: receivers by severity, a receiver for critical alerts in prod, their URLs and keys as secrets. */

const receivers = (value: Record<string, unknown>) => ({ monitoring: { alertmanager: { receivers: value } } });
const secret = () => pulumi.secret("https://hooks.example.com/T000/B000/XXXX");


describe("a receiver for critical alerts", () => {
  test("prod without any is an error naming the key", () => {
    expect(problemsOf("prod", {})).toEqual([
      'monitoring.alertmanager.receivers: expected a receiver for severity "critical" in a prod stack (pagerDuty, slack or webhook; otherwise critical alerts go nowhere), got none',
    ]);
  });

  test("prod with receivers for warnings only is an error naming what it has", () => {
    expect(problemsOf("prod", receivers({ slack: { channel: "#mesh", severities: ["warning"] }, secretName: "alert-receivers" }))).toEqual([
      'monitoring.alertmanager.receivers: expected a receiver for severity "critical" in a prod stack (pagerDuty, slack or webhook; otherwise critical alerts go nowhere), got only slack for warning',
    ]);
  });

  test("dev and staging may have none (everything goes to the null receiver), and prod without monitoring needs none", () => {
    expect(problemsOf("dev", {})).toEqual([]);
    expect(problemsOf("staging", {})).toEqual([]);
    expect(problemsOf("prod", { monitoring: { enabled: false }, kiali: { enabled: false } })).toEqual([]);
    expect(parseSettings("dev", {}).monitoring.alertmanager.routing).toEqual({ receivers: [] });
  });

  test("PagerDuty defaults to critical alerts, Slack and webhooks to critical and warning", () => {
    const { routing } = parseSettings("prod", { ...receivers({ pagerDuty: {}, slack: { channel: "#mesh" }, webhook: {} }), pagerDutyRoutingKey: secret(), slackWebhookUrl: secret(), alertWebhookUrl: secret() }).monitoring.alertmanager;
    expect(routing.receivers).toEqual([
      { kind: "pagerDuty", severities: ["critical"] },
      { kind: "slack", severities: ["critical", "warning"], channel: "#mesh" },
      { kind: "webhook", severities: ["critical", "warning"] },
    ]);
  });

  test("any prod config whose receivers leave critical alerts unrouted is rejected", () => {
    const warningOnly = fc.record({ slack: fc.constant({ channel: "#mesh", severities: ["warning"] }), webhook: fc.constant({ severities: ["warning"] }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(warningOnly, (value) => {
        expect(problemsOf("prod", receivers({ ...value, secretName: "alert-receivers" }))).toEqual([expect.stringMatching(/^monitoring\.alertmanager\.receivers: expected a receiver for severity "critical" in a prod stack/)]);
      }),
      propertyRuns,
    );
  });
});

describe("receiver URLs and keys are secret config, written into alertmanager-receivers", () => {
  test("each configured receiver needs its secret config key, and only that", () => {
    expect(missingSecretsOf("staging", receivers({ pagerDuty: {} }))).toEqual(["pagerDutyRoutingKey"]);
    expect(missingSecretsOf("staging", receivers({ slack: { channel: "#mesh" }, webhook: {} }))).toEqual(["slackWebhookUrl", "alertWebhookUrl"]);
    const url = secret();
    const { secret: written } = parseSettings("staging", { ...receivers({ webhook: {} }), alertWebhookUrl: url }).monitoring.alertmanager.routing;
    expect(written).toEqual({ source: "stack", name: "alertmanager-receivers", data: { "webhook-url": url } });
  });

  test("a Secret someone else writes is named instead, and then the secret config is not asked for; both is an error", () => {
    expect(missingSecretsOf("staging", receivers({ pagerDuty: {}, secretName: "oncall-keys" }))).toEqual([]);
    expect(parseSettings("staging", receivers({ pagerDuty: {}, secretName: "oncall-keys" })).monitoring.alertmanager.routing.secret).toEqual({ source: "existing", name: "oncall-keys" });
    expect(problemsOf("staging", { ...receivers({ pagerDuty: {}, secretName: "oncall-keys" }), pagerDutyRoutingKey: secret() })).toEqual([
      expect.stringMatching(/^monitoring\.alertmanager\.receivers\.secretName: expected no Secret name while istio-mesh:pagerDutyRoutingKey is set/),
    ]);
  });

  test("a URL given as plain text is refused, naming the key and the command that sets it", () => {
    expect(problemsOf("staging", { ...receivers({ slack: { channel: "#mesh" } }), slackWebhookUrl: "https://hooks.slack.com/services/T/B/X" })).toEqual([
      'slackWebhookUrl: expected a secret value (set it with `pulumi config set --secret istio-mesh:slackWebhookUrl <value>`), got "https://hooks.slack.com/services/T/B/X"',
    ]);
  });

  test("a Slack receiver needs its channel, and a severity list may not be empty or unknown", () => {
    expect(problemsOf("staging", receivers({ slack: {}, secretName: "s" }))).toEqual([expect.stringMatching(/^monitoring\.alertmanager\.receivers\.slack\.channel: expected a non-empty string/)]);
    expect(problemsOf("staging", receivers({ webhook: { severities: [] }, secretName: "s" }))).toEqual([expect.stringMatching(/^monitoring\.alertmanager\.receivers\.webhook\.severities: expected a non-empty list of severities/)]);
    expect(problemsOf("staging", receivers({ webhook: { severities: ["page"] }, secretName: "s" }))).toEqual([expect.stringMatching(/^monitoring\.alertmanager\.receivers\.webhook\.severities\[0\]: expected one of "critical", "warning"/)]);
  });
});
