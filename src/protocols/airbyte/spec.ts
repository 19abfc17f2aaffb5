/**
 * @module The `spec` command's answer: the shared config schema, plus Airbyte's `advanced_auth`
 * block so Airbyte's UI can run GitLab's OAuth authorization-code flow and write the tokens into
 * `credentials`.
 */
import { DOCUMENTATION_URL, configSchema } from '../../config/spec.js';
import type { JsonObject } from '../../engine/types.js';
import type { AirbyteMessage } from './messages.js';

const str = { type: 'string' } as const;

/**
 * The shape Airbyte's own GitLab connector declares: the OAuth host comes from `api_url`
 * (`domain`, default gitlab.com), the app's id and secret from the Airbyte instance, and the
 * tokens of the exchange land in `credentials`.
 */
export const advancedAuth: JsonObject = {
  auth_flow_type: 'oauth2.0',
  predicate_key: ['credentials', 'auth_type'],
  predicate_value: 'oauth2.0',
  oauth_config_specification: {
    oauth_user_input_from_connector_config_specification: {
      type: 'object',
      properties: { domain: { ...str, path_in_connector_config: ['api_url'] } },
    },
    complete_oauth_output_specification: {
      type: 'object',
      properties: {
        access_token: { ...str, path_in_connector_config: ['credentials', 'access_token'] },
        refresh_token: { ...str, path_in_connector_config: ['credentials', 'refresh_token'] },
        token_expiry_date: { ...str, format: 'date-time', path_in_connector_config: ['credentials', 'token_expiry_date'] },
      },
    },
    complete_oauth_server_input_specification: {
      type: 'object',
      properties: { client_id: str, client_secret: str },
    },
    complete_oauth_server_output_specification: {
      type: 'object',
      properties: {
        client_id: { ...str, path_in_connector_config: ['credentials', 'client_id'] },
        client_secret: { ...str, path_in_connector_config: ['credentials', 'client_secret'] },
      },
    },
  },
};

export function specMessage(): AirbyteMessage {
  return {
    type: 'SPEC',
    spec: {
      documentationUrl: DOCUMENTATION_URL,
      connectionSpecification: configSchema,
      supportsIncremental: true,
      supported_destination_sync_modes: ['overwrite', 'append', 'append_dedup'],
      advanced_auth: advancedAuth,
    },
  };
}
