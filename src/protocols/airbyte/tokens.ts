/**
 * @module Rotated OAuth tokens, handed back to Airbyte. GitLab rotates the refresh token on every
 * refresh and the old one stops working, so when a checkpoint records new tokens
 * (`connector.oauth`, see `src/oauth-state.ts`) the adapter also sends Airbyte the config with
 * them, in a CONTROL message, for Airbyte to persist.
 */
import type { JsonObject, JsonValue } from '../../engine/types.js';

export interface RotatedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: string;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The tokens a checkpoint's state patch records, if it records any. */
export function rotatedTokens(patch: JsonObject): RotatedTokens | undefined {
  const connector = patch['connector'];
  const oauth = isObject(connector) ? connector['oauth'] : undefined;
  if (!isObject(oauth)) return undefined;
  const { access_token, refresh_token, expires_at } = oauth;
  if (typeof access_token !== 'string' || typeof refresh_token !== 'string' || typeof expires_at !== 'string') return undefined;
  return { accessToken: access_token, refreshToken: refresh_token, expiresAt: expires_at };
}

/** `config` (as the user wrote it) with its OAuth credentials replaced by `tokens`. */
export function configWithTokens(config: JsonObject, tokens: RotatedTokens): JsonObject {
  const credentials = isObject(config['credentials']) ? config['credentials'] : {};
  return {
    ...config,
    credentials: {
      ...credentials,
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      token_expiry_date: tokens.expiresAt,
    },
  };
}
