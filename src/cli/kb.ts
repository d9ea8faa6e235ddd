import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { formatKnowledgeFile } from '../knowledge/files.js';
import type { EditableKnowledge } from '../knowledge/editable-knowledge.js';
import { parseImportFile } from '../knowledge/import-file.js';
import { slugify } from '../knowledge/slug.js';
import { describeGroup, diffSynonyms, parseWordList, withGroupAdded, withWordRemoved } from '../knowledge/synonyms.js';
import type { Author } from '../store/knowledge-store.js';
import { validateEntries } from '../knowledge/validate.js';
import { openStore, restoreStore } from '../store/index.js';
import { databaseName } from '../config.js';
import { checkOutputFile, readInputFile, writeOutputFile } from './cli-files.js';
import { migrateStoreCommand } from './kb-migrate-store.js';
import { guildArgument, localConfig, openLocalKnowledge } from './local-knowledge.js';
import { parseCommandLine, runCli, UsageError } from './run-cli.js';

const USAGE = `usage: npm run kb -- <command> --guild <server id> [options]
  list                                   every entry the server sees (id, revision, question)
  show <entry-id>                        one entry
  add --question "…" --answer "…" [--alternate "…"]… [--tag t]…
  remove <entry-id>                      hide it on that server (restorable)
  history <entry-id>                     its revisions, newest first
  restore <entry-id> <revision>          bring a revision back
  import <file> [--yes]                  preview a .yaml/.json export or an article; --yes applies it (all or nothing),
                                         its synonyms block included
  export [--out file.yaml]               the server's knowledge and synonyms in the knowledge/ format (stdout by default)
  synonyms [list]                        the server's synonym groups (each read as its first word) and their revision
  synonyms add "pw, password"             add a group; the words after the first are read as the first
  synonyms remove <word>                 take a word out of its group (a group left with one word goes)
  synonyms history                       the vocabulary's revisions, newest first
  synonyms restore <revision>            bring a revision's groups back
  backup --out <file.db> [--force]       a consistent copy of the whole database, safe while the bot runs (no --guild)
  restore-backup <file.db>               put a backup back, with the bot stopped; the old file is kept as
                                         <database>.before-restore (no --guild)
  migrate-store --from <DATABASE_URL> --to <DATABASE_URL>  copy the whole store into an empty database (no --guild)
Changes are made as the operator; the store is DATABASE_URL (default sqlite:./data/paa.db), shared with the bot.`;

const OPTIONS = {
  guild: { type: 'string' },
  question: { type: 'string' },
  answer: { type: 'string' },
  alternate: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  out: { type: 'string' },
  yes: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SERVER_COMMANDS = ['list', 'show', 'add', 'remove', 'history', 'restore', 'import', 'export', 'synonyms'];

async function main(argv: string[]): Promise<number> {
  // It names both databases itself (--from, --to), so it has its own options.
  if (argv[0] === 'migrate-store') return migrateStoreCommand(argv.slice(1));
  const { values, positionals } = parseCommandLine(argv, OPTIONS, USAGE);
  const [command, ...args] = positionals;
  if (values.help) return print(USAGE, 0);
  if (!command) return print(USAGE, 2);
  if (command === 'backup') return backup(values.out, values.force ?? false, args);
  if (command === 'restore-backup') return restoreBackup(args);
  if (!SERVER_COMMANDS.includes(command)) return print(`Unknown command "${command}".\n${USAGE}`, 2);
  const guildId = guildArgument(values.guild);
  const author = { id: 'operator', name: `operator (${operatorName()})` };
  // What the command line names is checked before the store is opened: a wrong path changes nothing, not even
  // by creating the database.
  const importing = command === 'import' ? readImport(need(args[0], 'a file')) : undefined;
  if (command === 'export' && values.out !== undefined) checkOutputFile(values.out, { overwrite: true });
  const local = await openLocalKnowledge();
  const { knowledge } = local;
  try {
    switch (command) {
      case 'list':
        for (const { entry, revision } of await knowledge.list(guildId)) console.log(`${entry.id}\t${revision}\t${entry.question}`);
        return 0;
      case 'show': {
        const view = await knowledge.view(guildId, need(args[0], 'an entry id'));
        if (!view) return print(`No entry "${args[0]}" on server ${guildId}.`, 1);
        console.log(formatKnowledgeFile([view.entry]).replace(/^#.*\n/gm, '').trim());
        console.log(`# revision ${view.revision}${view.shipped ? ', shipped' : ''}`);
        return 0;
      }
      case 'add': {
        const question = need(values.question, '--question');
        const [entry] = validateEntries(
          [{ id: slugify(question), question, answer: need(values.answer, '--answer'), alternates: values.alternate ?? [], tags: values.tag ?? [] }],
          'the new entry',
        );
        const saved = await knowledge.add(guildId, entry!, author);
        console.log(`Added ${saved.entry.id} (revision ${saved.revision}).`);
        return 0;
      }
      case 'remove': {
        const id = need(args[0], 'an entry id');
        const view = await knowledge.view(guildId, id);
        if (!view) return print(`No entry "${id}" on server ${guildId}.`, 1);
        console.log(`Removed ${id} (revision ${(await knowledge.remove(guildId, id, view.revision, author)).revision}).`);
        return 0;
      }
      case 'history': {
        const revisions = await knowledge.history(guildId, need(args[0], 'an entry id'));
        if (revisions.length === 0) console.log('Never changed on this server (revision 0).');
        for (const r of revisions) console.log(`#${r.revision}\t${r.action}\t${r.author.name}\t${r.createdAt.toISOString()}\t${r.after ? r.after.question : '(hidden)'}`);
        return 0;
      }
      case 'restore': {
        const id = need(args[0], 'an entry id');
        const revision = Number(need(args[1], 'a revision number'));
        if (!Number.isInteger(revision) || revision < 1) return print('The revision must be a whole number from 1.', 2);
        const current = (await knowledge.history(guildId, id))[0]?.revision ?? 0;
        console.log(`Restored ${id} to revision ${revision} (now revision ${(await knowledge.restore(guildId, id, revision, current, author)).revision}).`);
        return 0;
      }
      case 'import': {
        const { entries, synonyms } = importing!;
        const preview = await knowledge.previewImport(guildId, entries, synonyms);
        for (const e of preview.added) console.log(`+ ${e.id}\t${e.question}`);
        for (const c of preview.changed) console.log(`~ ${c.after.id}\t${c.after.question}`);
        if (preview.synonyms) {
          const { added, removed } = diffSynonyms(preview.synonyms.before, preview.synonyms.after);
          for (const group of added) console.log(`+ synonyms\t${describeGroup(group)}`);
          for (const group of removed) console.log(`- synonyms\t${describeGroup(group)}`);
        }
        const vocabulary = synonyms === undefined ? 'no synonyms block' : preview.synonyms ? `synonyms replaced (${preview.synonyms.after.length} groups)` : 'synonyms unchanged';
        console.log(`${preview.added.length} new, ${preview.changed.length} changed, ${preview.unchanged.length} unchanged; ${vocabulary}.`);
        if (!values.yes) return print('Nothing written: run again with --yes to apply.', 0);
        const imported = (await knowledge.applyImport(guildId, entries, author, synonyms)).length;
        console.log(`Imported ${imported} entries${preview.synonyms ? ' and the synonyms' : ''}.`);
        return 0;
      }
      case 'synonyms':
        return await synonymsCommand(knowledge, guildId, args, author);
      case 'export': {
        const text = formatKnowledgeFile(
          (await knowledge.list(guildId)).map((v) => v.entry),
          (await knowledge.synonyms(guildId)).groups,
        );
        if (values.out !== undefined) writeOutputFile(values.out, text, { overwrite: true });
        else process.stdout.write(text);
        return 0;
      }
      default:
        return print(`Unknown command "${command}".\n${USAGE}`, 2);
    }
  } finally {
    await local.close();
  }
}

/** Who runs the tool, for the history. A uid with no passwd entry (a container's `--user 1234`) has no name. */
function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** The file `kb import` reads, parsed and validated (a knowledge file, a JSON export or an article). */
function readImport(file: string) {
  return parseImportFile(file, readInputFile(file));
}

/** `kb backup --out <file.db>`: the store's online backup, while the bot may be running. */
async function backup(out: string | undefined, force: boolean, extra: string[]): Promise<number> {
  if (extra.length > 0) throw new UsageError(`backup takes no arguments, only --out <file.db> [--force]; got "${extra[0]}".\n${USAGE}`);
  const file = need(out, '--out <file.db>: where to write the backup');
  const { database } = localConfig();
  const store = await openStore(database, { mustExist: true });
  try {
    await store.backup(file, { overwrite: force });
  } finally {
    await store.close();
  }
  console.log(`Backed up ${databaseName(database)} to ${file} (${Math.ceil(statSync(file).size / 1024)} KB).`);
  return 0;
}

/** `kb restore-backup <file.db>`: the backup in place of the database, with the bot stopped. */
async function restoreBackup(args: string[]): Promise<number> {
  const [given, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`restore-backup takes one file; got also "${extra[0]}".\n${USAGE}`);
  const file = need(given, 'the backup file to restore');
  const { database } = localConfig();
  const { previous } = await restoreStore(database, file);
  const kept = previous ? `; the database as it was is ${previous}` : '';
  console.log(`Restored ${databaseName(database)} from ${file}${kept}. Start the bot again.`);
  return 0;
}

/** `kb synonyms [list|add|remove|history|restore]`: the server's vocabulary, edited at its current revision. */
async function synonymsCommand(knowledge: EditableKnowledge, guildId: string, args: string[], author: Author): Promise<number> {
  const [action = 'list', argument, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`Too many arguments for synonyms ${action}: put a group in quotes, "pw, password".\n${USAGE}`);
  const current = await knowledge.synonyms(guildId);
  switch (action) {
    case 'list':
      console.log(`Revision ${current.revision}, ${current.shipped ? 'shipped with the bot' : 'edited on this server'}: ${current.groups.length} groups.`);
      current.groups.forEach((group, i) => console.log(`${i + 1}\t${describeGroup(group)}`));
      return 0;
    case 'add': {
      const next = withGroupAdded(current.groups, parseWordList(need(argument, 'the words, as "pw, password"')));
      const saved = await knowledge.setSynonyms(guildId, next, current.revision, author);
      console.log(`Added ${describeGroup(next.at(-1)!)} (revision ${saved.revision}).`);
      return 0;
    }
    case 'remove': {
      const { groups, before, after } = withWordRemoved(current.groups, need(argument, 'a word'));
      const saved = await knowledge.setSynonyms(guildId, groups, current.revision, author);
      console.log(`${after ? `Now ${describeGroup(after)}` : `Removed the group ${describeGroup(before)}`} (revision ${saved.revision}).`);
      return 0;
    }
    case 'history': {
      const revisions = await knowledge.synonymHistory(guildId);
      if (revisions.length === 0) console.log('Never changed on this server (revision 0, the shipped synonyms).');
      for (const r of revisions) {
        const what = r.action === 'restore' ? `restore of #${r.restoredFrom}` : r.action;
        console.log(`#${r.revision}\t${what}\t${r.author.name}\t${r.createdAt.toISOString()}\t${r.groups.length} groups`);
      }
      return 0;
    }
    case 'restore': {
      const revision = Number(need(argument, 'a revision number'));
      if (!Number.isInteger(revision) || revision < 1) return print('The revision must be a whole number from 1.', 2);
      const restored = await knowledge.restoreSynonyms(guildId, revision, current.revision, author);
      console.log(`Restored the synonyms of revision ${revision} (now revision ${restored.revision}, ${restored.groups.length} groups).`);
      return 0;
    }
    default:
      return print(`Unknown synonyms command "${action}": list, add, remove, history or restore.\n${USAGE}`, 2);
  }
}

function need(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing ${what}.\n${USAGE}`);
  return value;
}

function print(message: string, code: number): number {
  (code === 0 ? console.log : console.error)(message);
  return code;
}

runCli(main);
