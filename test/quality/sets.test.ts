import { describe, expect, test } from 'vitest';
import { ARTICLE_KNOWLEDGE_DIR } from '../fixtures/knowledge.js';
import { loadKnowledgeBase } from '../../src/knowledge/files.js';
import { KNOWN_SET_NAMES, qualitySet, qualitySetNames } from '../../src/quality/sets.js';

describe('the quality sets', () => {
  test('have stable names: the four article sets, then each intent set at 1 and 5 phrasings', () => {
    expect(KNOWN_SET_NAMES).toEqual(['article', 'article-holdout', 'article-stripped', 'article-typos', 'banking77-1', 'banking77-5', 'clinc150-1', 'clinc150-5']);
    expect(KNOWN_SET_NAMES).toEqual(expect.arrayContaining(qualitySetNames()));
  });

  test('measure the article from its frozen copy in the fixtures, with its vocabulary', () => {
    const frozen = loadKnowledgeBase(ARTICLE_KNOWLEDGE_DIR);
    const article = qualitySet('article');
    expect(article.entries).toEqual(frozen.entries);
    expect(article.synonyms).toEqual(frozen.synonyms);
    expect(article.synonyms.length).toBeGreaterThan(0);
  });

  test('the stripped article keeps every question and no alternate', () => {
    const stripped = qualitySet('article-stripped');
    expect(stripped.entries.map((e) => e.question)).toEqual(qualitySet('article').entries.map((e) => e.question));
    expect(stripped.entries.every((e) => e.alternates.length === 0)).toBe(true);
  });

  test.each(KNOWN_SET_NAMES)('%s expects only entries its knowledge base has', (name) => {
    if (!qualitySetNames().includes(name)) return;
    const qs = qualitySet(name);
    const ids = new Set(qs.entries.map((e) => e.id));
    const unknown = qs.set.inScope.flatMap((q) => q.expect).filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
    expect(qs.set.inScope.length).toBeGreaterThan(0);
  });

  test('an unknown set is refused by name', () => {
    expect(() => qualitySet('nope')).toThrow(/unknown quality set "nope"/);
  });
});
