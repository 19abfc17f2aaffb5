/**
 * @module Where rotated OAuth tokens live. GitLab rotates the refresh token on every refresh and
 * the old one stops working, so the newest pair is checkpointed into connector state
 * (`connector.oauth`) and preferred over the config's on the next start, unless the user
 * re-authorized since: the state records a hash of the config refresh token its tokens descend
 * from, and a config with a different one wins.
 */
import { createHash } from 'node:crypto';
import type { Credentials } from './config/config.js';
import type { ConnectorState, JsonObject } from './engine/types.js';
import type { OAuthTokens } from './gitlab/client.js';
import type { Logger } from './log/logger.js';

function lineage(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 32);
}

interface StoredTokens {
  access_token: string;
  refresh_token: string;
  expires_at: string;
  descends_from: string;
}

function storedTokens(state: ConnectorState): StoredTokens | undefined {
  const o = state.connector?.['oauth'];
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
  const { access_token, refresh_token, expires_at, descends_from } = o;
  if (typeof access_token !== 'string' || typeof refresh_token !== 'string') return undefined;
  if (typeof expires_at !== 'string' || typeof descends_from !== 'string') return undefined;
  return { access_token, refresh_token, expires_at, descends_from };
}

/** The credentials to start with: the config's, or the rotated ones from state that descend from them. */
export function credentialsFromState(config: Credentials, state: ConnectorState, log: Logger): Credentials {
  if (config.kind !== 'oauth') return config;
  const stored = storedTokens(state);
  if (!stored) return config;
  if (stored.descends_from !== lineage(config.refreshToken)) {
    log.info('the config holds OAuth tokens newer than the state (re-authorized): using the config');
    return config;
  }
  return { ...config, accessToken: stored.access_token, refreshToken: stored.refresh_token, expiresAt: stored.expires_at };
}

/** The state patch recording freshly rotated tokens. */
export function oauthStatePatch(config: Credentials, tokens: OAuthTokens): JsonObject {
  const origin = config.kind === 'oauth' ? config.refreshToken : '';
  return {
    connector: {
      oauth: {
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        expires_at: tokens.expiresAt,
        descends_from: lineage(origin),
      },
    },
  };
}
