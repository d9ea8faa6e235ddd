/**
 * One question-and-answer pair of the knowledge base.
 *
 * This is the shape everything shares: the `knowledge/` files, the importer, the matcher and the store.
 */
export interface Entry {
  /** Stable, URL-safe identifier (a slug of the original question); never reused for another question. */
  id: string;
  /** The canonical question, as a person would read it in a heading. */
  question: string;
  /** The answer, in Discord Markdown. */
  answer: string;
  /** Other ways people phrase the same question. They help matching and are never shown as titles. */
  alternates: string[];
  /** Free-form labels, lowercase. */
  tags: string[];
  /** Where the answer comes from (an article title or URL), shown in the footer. */
  source?: string;
}
