/**
 * An expected refusal to show the person as is (ephemeral): no permission, an unknown entry, a stale edit, bad
 * input. The router logs it at info level, not as a failure. `code` is stable for tests.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
