import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isEnglishWord } from '../../src/engine/english.js';
import { STOP_WORDS } from '../../src/engine/lexicon.js';
import { WordAlterations } from '../../src/engine/alterations.js';
import { intentOf, normalize, words } from '../../src/engine/text.js';
import { editDistance } from '../../src/engine/vocabulary.js';
import { KnowledgeError } from '../../src/knowledge/errors.js';
import { formatKnowledgeFile, loadKnowledgeDir, parseKnowledgeFile, SHIPPED_KNOWLEDGE_DIR } from '../../src/knowledge/files.js';
import answerQuality from '../fixtures/answer-quality.json' with { type: 'json' };
import holdout from '../fixtures/answer-quality-holdout.json' with { type: 'json' };
import training from '../fixtures/answer-quality-train.json' with { type: 'json' };
import typos from '../fixtures/article-typos.json' with { type: 'json' };
import { articleEntries, articleKnowledge, gamingEntries } from '../fixtures/knowledge.js';

const simplify = (text: string) => text.toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
/**
 * What the matcher reads of a text: its terms once stop words, synonyms and word order are gone, and the kind of
 * question. Two texts that read the same are the same query to it, however differently they are typed.
 */
const alterations = new WordAlterations(articleKnowledge().synonyms);
const reading = (text: string) => {
  const raw = words(normalize(text));
  return `${[...new Set(alterations.canonicalWords(raw).map((w) => alterations.termOf(w)).filter(Boolean))].sort().join(' ')} (${intentOf(raw) ?? 'no question word'})`;
};

describe('the shipped knowledge/ folder, whatever it holds', () => {
  test('loads: every file parses and validates, and no id is used twice across files', () => {
    expect(() => loadKnowledgeDir(SHIPPED_KNOWLEDGE_DIR)).not.toThrow();
  });
});

// The tests below read frozen copies in test/fixtures/knowledge/, never knowledge/: editing or adding a shipped
// file must change no test's outcome.
describe('the article knowledge base', () => {
  const entries = articleEntries();

  test('holds the 10 questions of the article, each with an answer, phrasings and a source', () => {
    expect(entries).toHaveLength(10);
    for (const entry of entries) {
      expect(entry.answer.length).toBeGreaterThan(50);
      expect(entry.alternates.length).toBeGreaterThan(3);
      expect(entry.source).toBe('Is Netflix coded in Python?');
    }
  });

  test('has no phrasing that reads the same as another entry\'s: same words once stop words go, same kind of question', () => {
    const readings = new Map<string, string>();
    const clashes: string[] = [];
    for (const entry of entries) {
      for (const phrasing of [entry.question, ...entry.alternates]) {
        const read = reading(phrasing);
        const owner = readings.get(read);
        if (owner !== undefined && owner !== entry.id) clashes.push(`${entry.id}: "${phrasing}" reads as ${owner}'s ${read}`);
        else readings.set(read, entry.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  test('has no alternate that reads as a query of the answer-quality sets (they measure, they are never memorised)', () => {
    const stored = new Set(entries.flatMap((e) => e.alternates).map(reading));
    const queries = [...answerQuality.inScope, ...answerQuality.decline, ...holdout.inScope, ...holdout.decline].map((q) => q.query);
    const overlap = queries.filter((q) => stored.has(reading(q)));
    expect(overlap).toEqual([]);
  });

  test("stores none of the issue's worked examples as a phrasing: the matcher must get those right unaided", () => {
    const stored = new Set(entries.flatMap((e) => e.alternates).map(reading));
    const examples = [
      'what database does netflix use',
      'does netflix run on aws',
      'ML at netflix?',
      'netflix oss',
      'HA',
      'how does netflix stay online',
      'what does netflix use python for',
      'netflix cassandra',
      'is spotify coded in python',
      'how does google ensure high availability',
      "what is netflix's approach to remote work",
      'why is python preferred for web development',
    ];
    expect(examples.filter((q) => stored.has(reading(q)))).toEqual([]);
  });

  test('spells its questions, answers and phrasings right: a stored typo ("pyhton") is a word the matcher knows, so it stops correcting it', () => {
    const uses = new Map<string, number>();
    for (const entry of entries) {
      for (const text of [entry.question, entry.answer, ...entry.alternates]) for (const w of words(normalize(text))) uses.set(w, (uses.get(w) ?? 0) + 1);
    }
    const known = [...uses.keys()];
    // A misspelling is rare, neither everyday English nor chat, and one slip away from a word the entries use far more.
    const slips = known.flatMap((word) => {
      if (word.length < 4 || isEnglishWord(word) || STOP_WORDS.has(word)) return [];
      const meant = known.find(
        (other) => uses.get(other)! >= 5 * uses.get(word)! && other !== `${word}s` && word !== `${other}s` && editDistance(word, other, 1) <= 1,
      );
      return meant === undefined ? [] : [`${word} (${meant}?)`];
    });
    expect(slips).toEqual([]);
  });

  test('shares no phrasing with the training set either (the confidence model learns from unseen questions)', () => {
    const stored = new Set(entries.flatMap((e) => [e.question, ...e.alternates]).map(simplify));
    const overlap = [...training.inScope, ...training.decline].map((q) => q.query).filter((q) => stored.has(simplify(q)));
    expect(overlap).toEqual([]);
  });
});

describe('the heavy-typo set (article-typos.json)', () => {
  const entries = articleEntries();
  const ids = new Set(entries.map((e) => e.id));

  test('asks at least 45 questions, each about an entry of the article knowledge base, and every entry at least 3 times', () => {
    expect(typos.inScope.length).toBeGreaterThanOrEqual(45);
    expect(typos.inScope.flatMap((q) => q.expect).filter((id) => !ids.has(id))).toEqual([]);
    const asked = new Map<string, number>();
    for (const q of typos.inScope) for (const id of q.expect) asked.set(id, (asked.get(id) ?? 0) + 1);
    expect([...ids].filter((id) => (asked.get(id) ?? 0) < 3)).toEqual([]);
  });

  test('asks no question twice, and none as an entry phrases it: it measures reading typos, not recall', () => {
    const queries = typos.inScope.map((q) => simplify(q.query));
    expect(queries.filter((q, i) => queries.indexOf(q) !== i)).toEqual([]);
    const stored = new Set(entries.flatMap((e) => [e.question, ...e.alternates]).map(simplify));
    expect(typos.inScope.map((q) => q.query).filter((q) => stored.has(simplify(q)))).toEqual([]);
  });

  test('copies no query of the other sets', () => {
    const others = new Set([answerQuality, holdout, training].flatMap((set) => [...set.inScope, ...set.decline]).map((q) => simplify(q.query)));
    expect(typos.inScope.map((q) => q.query).filter((q) => others.has(simplify(q)))).toEqual([]);
  });
});

describe('the training set', () => {
  test('has no query that reads as one of the evaluation sets, so they still measure what the model never saw', () => {
    const evaluation = new Set([...answerQuality.inScope, ...answerQuality.decline, ...holdout.inScope, ...holdout.decline].map((q) => reading(q.query)));
    const overlap = [...training.inScope, ...training.decline].map((q) => q.query).filter((q) => evaluation.has(reading(q)));
    expect(overlap).toEqual([]);
  });
});

describe('a knowledge file', () => {
  const valid = `entries:\n  - id: refunds\n    question: How do I get a refund?\n    answer: Open a ticket.\n`;

  test.each([
    ['article', articleEntries],
    ['gaming', gamingEntries],
  ])('round-trips through format and parse unchanged (the %s knowledge base)', (_name, entries) => {
    expect(parseKnowledgeFile(formatKnowledgeFile(entries()), 'roundtrip.yaml')).toEqual(entries());
  });

  test('fills defaults: no alternates, no tags, the file-level source', () => {
    const [entry] = parseKnowledgeFile(`source: FAQ\n${valid}`, 'faq.yaml');
    expect(entry).toEqual({ id: 'refunds', question: 'How do I get a refund?', answer: 'Open a ticket.', alternates: [], tags: [], source: 'FAQ' });
  });

  const problem = (text: string) => {
    try {
      parseKnowledgeFile(text, 'bad.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      return (error as Error).message;
    }
    throw new Error('expected the file to be refused');
  };

  test('with broken YAML: names the file and the line', () => {
    expect(problem('entries:\n  - id: a\n    question: "unclosed\n')).toMatch(/bad\.yaml, line \d+/);
  });

  test('without an entries list: says what is expected', () => {
    expect(problem('questions: []\n')).toContain('"entries:"');
  });

  test('lists every invalid entry at once, by number and id', () => {
    const message = problem(
      'entries:\n  - id: ok-one\n    question: Fine?\n    answer: Yes.\n' +
        '  - id: Bad Id\n    question: Fine?\n    answer: Yes.\n' +
        '  - id: empty-answer\n    question: Fine?\n    answer: "  "\n' +
        '  - id: ok-one\n    question: Again?\n    answer: Yes.\n',
    );
    expect(message).toContain('entry 2 (Bad Id): id:');
    expect(message).toContain('entry 3 (empty-answer): answer: answer is empty');
    expect(message).toContain('entry 4 (ok-one): id "ok-one" is already used by entry 1');
  });

  test('refuses a question over 256 characters and an answer longer than the edit form holds', () => {
    const long = 'x'.repeat(257);
    expect(problem(`entries:\n  - id: a\n    question: ${long}\n    answer: ok\n`)).toContain('longer than 256');
    expect(problem(`entries:\n  - id: a\n    question: ok?\n    answer: ${'y'.repeat(4001)}\n`)).toContain('longer than 4000');
    // The edit form counts an emoji as two: 2,001 of them do not fit its 4,000.
    expect(problem(`entries:\n  - id: a\n    question: ok?\n    answer: ${'🙂'.repeat(2001)}\n`)).toContain('longer than 4000 characters (an emoji counts as two)');
  });

  test('refuses alternate phrasings that would not fit the edit form, where the overflow would be lost on save', () => {
    const phrasings = (count: number, length: number) =>
      Array.from({ length: count }, (_, i) => `      - ${String(i).padStart(3, '0')}${'z'.repeat(length - 3)}\n`).join('');
    const entry = (alternates: string) => `entries:\n  - id: a\n    question: ok?\n    answer: ok\n    alternates:\n${alternates}`;
    // Each of the form's two phrasing boxes holds 19 lines of 200 characters (and their line breaks).
    expect(problem(entry(phrasings(39, 200)))).toContain("do not fit the edit form's 2 boxes of 4000 characters");
    expect(problem(entry(phrasings(201, 10)))).toContain('more than 200 alternate phrasings');
    expect(() => parseKnowledgeFile(entry(phrasings(38, 200)), 'ok.yaml')).not.toThrow();
  });

  test('refuses a file over 1 MB and a binary file', () => {
    expect(problem(`${valid}#${'x'.repeat(1_000_001)}`)).toContain('larger than 1 MB');
    expect(problem('entries: []\u0000')).toContain('not text');
  });

  test('ids must be unique across the files of a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paa-knowledge-'));
    writeFileSync(join(dir, 'a.yaml'), valid);
    writeFileSync(join(dir, 'b.yaml'), valid);
    expect(() => loadKnowledgeDir(dir)).toThrow(/also used in a\.yaml/);
  });
});
