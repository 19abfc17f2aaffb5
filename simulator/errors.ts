/**
 * @module Responses and the errors that become them. GitLab has two error families
 * (gitlab-api.md §4, §7.1): its own helpers answer `{"message": ...}`, Grape's parameter checks
 * and unknown routes answer `{"error": ...}`. Handlers throw {@link ApiError}; the handler turns
 * it into the response.
 */

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  // Bytes, not a string: undici re-validates a string body character by character, which cost
  // more than building a 100-issue page.
  return new Response(Buffer.from(JSON.stringify(body)), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }

  toResponse(): Response {
    return json(this.status, this.body, { ...this.headers });
  }
}

/** `not_found!('Project')`: `{"message":"404 Project Not Found"}`. Invisible resources look the same. */
export function notFound(resource: 'Project' | 'Group' | 'Issue' | 'User'): ApiError {
  return new ApiError(404, { message: `404 ${resource} Not Found` });
}

/** Grape's catch-all for an unknown route under /api/v4. */
export function routeNotFound(): ApiError {
  return new ApiError(404, { error: '404 Not Found' });
}

export function methodNotAllowed(): ApiError {
  return new ApiError(405, { message: '405 Method Not Allowed' });
}

/** `bad_request!(reason)`. */
export function badRequest(reason: string): ApiError {
  return new ApiError(400, { message: `400 Bad request - ${reason}` });
}

/** Grape `values:` validation: `{"error":"state does not have a valid value"}`. */
export function invalidValue(param: string): ApiError {
  return new ApiError(400, { error: `${param} does not have a valid value` });
}

/** Grape type coercion failure: `{"error":"updated_after is invalid"}`. */
export function invalidType(param: string): ApiError {
  return new ApiError(400, { error: `${param} is invalid` });
}

/** A missing, unknown or malformed token (gitlab-api.md §3). */
export function unauthorized(): ApiError {
  return new ApiError(401, { message: '401 Unauthorized' });
}

/** An expired or revoked token: Rack::OAuth2's body and `WWW-Authenticate` header (gitlab-api.md §3). */
export function invalidToken(description: string): ApiError {
  return new ApiError(
    401,
    { error: 'invalid_token', error_description: description },
    { 'www-authenticate': `Bearer realm="The API", error="invalid_token", error_description="${description}"` },
  );
}

export const TOKEN_EXPIRED = 'Token is expired. You can either do re-authorization or token refresh.';
export const TOKEN_REVOKED = 'Token was revoked. You have to re-authorize from the user.';
