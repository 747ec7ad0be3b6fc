import { isUtf8 } from 'buffer';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { METADATA_PREFIX } from '../github/remediation';
import {
  collectTemplates, compileTemplates, exampleContextFields, groupTemplates, LAST_APPLIED_MAX_BYTES, templatesChecksum,
} from '../agent-templates/bundle';

/** Props of {@link AgentTemplatesConfigMaps}. */
export interface AgentTemplatesConfigMapsProps {
  /** Folder of the templates tree. */
  readonly dir: string;
  /** Namespace of the ConfigMap(s). */
  readonly namespace: string;
  /** ConfigMap name; when split, `-<folder>` is appended. */
  readonly name: string;
  /** Labels for every ConfigMap. @default none */
  readonly labels?: Record<string, string>;
}

/** Annotation holding the sha256 of all template paths and contents. */
export const CHECKSUM_ANNOTATION = `${METADATA_PREFIX}/templates-checksum`;
/** Argo CD sync option that makes a large ConfigMap apply server-side. */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/**
 * The agent templates as ConfigMap(s), keys mapped from paths (`/` to `_`). Every
 * `.hbs` is checked at synth with the rules of `templates check` (the fields against the tree's
 * `context.example.json` when it has one), so a broken template fails here, not in the agent pod.
 */
export class AgentTemplatesConfigMaps extends Construct {
  public readonly configMaps: kplus.ConfigMap[] = [];

  constructor(scope: Construct, id: string, props: AgentTemplatesConfigMapsProps) {
    super(scope, id);
    const files = collectTemplates(props.dir);
    compileTemplates(files, exampleContextFields(props.dir));
    const groups = groupTemplates(files);
    for (const group of groups) {
      const name = group.folder ? `${props.name}-${group.folder.toLowerCase().replace(/[^a-z0-9-]/g, '-')}` : props.name;
      const annotations: Record<string, string> = { [CHECKSUM_ANNOTATION]: templatesChecksum(group.files) };
      if (group.size > LAST_APPLIED_MAX_BYTES - 8_192) {
        // Client-side apply would store the whole object in a 256 KiB annotation.
        annotations[SYNC_OPTIONS_ANNOTATION] = 'ServerSideApply=true';
      }
      const configMap = new kplus.ConfigMap(this, group.folder ?? 'Resource', {
        metadata: { name, namespace: props.namespace, labels: props.labels ?? {}, annotations },
      });
      for (const file of group.files) {
        // Valid UTF-8 goes to `data`; anything else to `binaryData`.
        if (isUtf8(file.content)) {
          configMap.addData(file.key, file.content.toString('utf8'));
        } else {
          configMap.addBinaryData(file.key, file.content.toString('base64'));
        }
      }
      this.configMaps.push(configMap);
    }
  }
}
