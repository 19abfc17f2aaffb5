import { SourceGitlabError } from '../errors.js';

/** The user's config (or a binding) is wrong: each message names the field and what is wrong. */
export class ConfigError extends SourceGitlabError {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  readonly messages: readonly string[];

  constructor(messages: readonly string[]) {
    super(messages.length === 1 ? `invalid config: ${messages[0]}` : `invalid config: ${messages.join('; ')}`);
    this.messages = messages;
  }
}
