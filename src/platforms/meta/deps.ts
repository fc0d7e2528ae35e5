/**
 * What every part of the Meta connector receives from `createMetaConnector`: the Graph client,
 * app credentials, version and URLs, all injected, never read from the environment.
 */
import type { GraphClient } from './api.ts';

export interface MetaDeps {
  readonly graph: GraphClient;
  readonly appId: string;
  readonly appSecret: string;
  /** Graph version, e.g. `v25.0` (configuration: META_GRAPH_VERSION). */
  readonly version: string;
  /** Base of `{version}/dialog/oauth` (https://www.facebook.com, or the sandbox prefix). */
  readonly authBaseUrl: string;
  /** Business Settings, where people do the manual steps (Meta's, or the sandbox console). */
  readonly businessSettingsUrl: string;
  readonly now: () => Date;
}
