/**
 * Rules on GitHub EventSources (reference §10): `missing-webhook-secret`, a warning: without a
 * secret every event is still delivered, and forged ones may be too (a risk, not a rejection).
 */
import { decodeEventSource, isEventSourceModel, type EventSourceModel } from '../engine/model';
import { isJsonObject, type JsonObject } from '../engine/plain-data';
import { atKey, warning, type ObjectFinding } from './findings';

/** Field names people write for the webhook secret that the event source does not read. */
const SECRET_TYPOS = ['secret', 'webhookSecretRef', 'hmacSecret', 'sharedSecret', 'webhook_secret', 'webHookSecret'];

/** GitHub EventSource rules. */
export function eventSourceRules(input: EventSourceModel | JsonObject): ObjectFinding[] {
  const eventSource = isEventSourceModel(input) ? input : decodeEventSource(input);
  const findings: ObjectFinding[] = [];
  for (const { type, raw: source, path } of eventSource.events) {
    if (type !== 'github' || isJsonObject(source.webhookSecret)) continue;
    const typo = SECRET_TYPOS.find(key => key in source);
    const webhook = isJsonObject(source.webhook) ? source.webhook : undefined;
    const typoInWebhook = typo ? undefined : SECRET_TYPOS.find(key => webhook && key in webhook);
    const insecure = 'the signature (X-Hub-Signature-256) is not checked, so anyone who reaches the endpoint can inject events';
    if (typo) {
      findings.push(atKey(warning([...path, typo], 'missing-webhook-secret', `${typo} is not a field of the GitHub event source: ${insecure}; rename it to webhookSecret`)));
    } else if (typoInWebhook) {
      findings.push(atKey(warning([...path, 'webhook', typoInWebhook], 'missing-webhook-secret',
        `webhook.${typoInWebhook} is not a field of the GitHub event source: ${insecure}; use webhookSecret: {name, key} beside webhook`)));
    } else {
      findings.push(warning(path, 'missing-webhook-secret', `no webhookSecret: ${insecure}; set webhookSecret: {name, key} to a Secret holding the hook's secret`));
    }
  }
  return findings;
}
