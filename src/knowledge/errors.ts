/**
 * An expected failure with the knowledge: a malformed file, an invalid entry, an unknown id.
 * `code` is stable (tests and callers branch on it); `message` is written for the person who has to fix it.
 */
export class KnowledgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KnowledgeError';
  }
}
