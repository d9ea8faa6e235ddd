import { describe, expect, test } from 'vitest';
import { importArticle } from '../../src/knowledge/article-importer.js';
import { KnowledgeError } from '../../src/knowledge/errors.js';
import { articleEntries, articleSource } from '../fixtures/knowledge.js';

const article = articleSource();

describe('the article importer, given the Netflix article', () => {
  const entries = importArticle(article);

  test('turns the title, the 4 body headings and the 5 "People Also Ask" questions into 10 entries', () => {
    expect(entries.map((e) => e.question)).toEqual([
      'Is Netflix coded in Python?',
      'Why Does Netflix Use Python?',
      'How Is Python Utilized at Netflix?',
      'What Other Technologies Does Netflix Use?',
      'How Does Python Enhance Netflix’s Recommendation System?',
      'What Programming Languages Does Netflix Use?',
      'How Does Netflix Ensure High Availability?',
      'Why Is Python Preferred for Data Science?',
      'How Does Netflix Use Machine Learning?',
      'What Is Netflix’s Approach to Open Source?',
    ]);
  });

  test('gives stable slug ids, with apostrophes dropped', () => {
    expect(entries[4]!.id).toBe('how-does-python-enhance-netflixs-recommendation-system');
    expect(new Set(entries.map((e) => e.id)).size).toBe(10);
  });

  test('keeps lists as Discord Markdown lists with bold labels', () => {
    expect(entries[1]!.answer).toContain('- **Scalability:** Python supports large-scale applications');
    expect(entries[2]!.answer).toContain('1. **Data Analysis and Machine Learning:**');
    expect(entries[2]!.answer).toContain('4. **Security:**');
  });

  test('keeps the technology table readable: one line per row, cells intact ("Amazon S3" stays one cell)', () => {
    const answer = entries[3]!.answer;
    expect(answer).toContain('**Backend Development:** Java, Python, Node.js');
    expect(answer).toContain('**Data Storage:** Amazon S3, Cassandra, MySQL');
    expect(answer).toContain('**Frontend Development:** React, JavaScript, HTML/CSS');
    expect(answer).toContain('**Streaming Protocols:** MPEG-DASH, HLS, Smooth');
  });

  test('stops an answer at the next heading, question or not ("Conclusion" is not part of the last answer)', () => {
    expect(entries[9]!.answer).not.toContain('Python plays a pivotal role');
    expect(entries.some((e) => e.answer.includes('Scroll to Top'))).toBe(false);
  });

  test('is how the article knowledge base was made: same questions and answers', () => {
    expect(articleEntries().map((e) => [e.id, e.question, e.answer])).toEqual(entries.map((e) => [e.id, e.question, e.answer]));
  });
});

describe('the article importer, given malformed input', () => {
  const failure = (text: string) => {
    try {
      importArticle(text);
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      return error as KnowledgeError;
    }
    throw new Error('expected the import to fail');
  };

  test.each([
    ['an empty file', '', 'empty-article'],
    ['only blank lines', '\n\n  \n', 'empty-article'],
    ['no question headings', 'Hello\n\nThis is a paragraph about nothing.\n', 'no-questions'],
    ['binary content', 'Is it?\n\n\u0000\u0001binary', 'not-text'],
  ])('%s: fails with a clear error', (_name, text, code) => {
    expect(failure(text).code).toBe(code);
  });

  test('names the line of a question with no answer under it', () => {
    const error = failure('Title\n\nIs this a question?\n\nWhat about this one?\n\nYes, this has an answer.\n');
    expect(error.code).toBe('empty-answer');
    expect(error.message).toContain('Line 3');
  });

  test('names both lines of a repeated question', () => {
    const error = failure('Is it good?\n\nYes.\n\nIs it good?\n\nStill yes.\n');
    expect(error.code).toBe('duplicate-question');
    expect(error.message).toMatch(/Line 5.*line 1/);
  });

  test('names the line that holds control characters', () => {
    const error = failure('Is it good?\n\nYes \u0007 indeed.\n');
    expect(error.code).toBe('control-characters');
    expect(error.message).toContain('Line 3');
  });

  test('accepts Windows line endings', () => {
    expect(importArticle('Is it good?\r\n\r\nYes, very.\r\n')).toHaveLength(1);
  });
});

describe('the article importer, given a Markdown article', () => {
  test('reads "#"-headings as headings and keeps the text under them', () => {
    const entries = importArticle('# Our FAQ\n\n## How do I get a refund?\n\nOpen a ticket in #billing.\n\n## Shipping times?\n\n- EU: 2 days\n- US: 5 days\n');
    expect(entries.map((e) => e.question)).toEqual(['How do I get a refund?', 'Shipping times?']);
    expect(entries[1]!.answer).toBe('- **EU:** 2 days\n- **US:** 5 days');
    expect(entries[0]!.source).toBe('Our FAQ');
  });
});
