/**
 * Word material for the synthetic knowledge bases: a few hundred real English / tech words per
 * grammatical role, plus syllable-built jargon and product names generated from a seed, so that a
 * 100k-entry base ends up with tens of thousands of distinct terms like a real one.
 */
import type { Rng } from './prng.js';

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Verbs that fit "how do I VERB the NOUN" and "why does X VERB". */
export const VERBS = words(`
  install configure update upgrade remove delete reset restore backup sync export import connect
  disconnect enable disable change set rename move copy share invite join leave block unblock mute
  unmute report verify confirm cancel refund pay charge subscribe unsubscribe download upload stream
  record edit crop rotate resize compress encrypt decrypt sign login logout register recover migrate
  merge split schedule pause resume start stop restart crash freeze lag load save open close print
  scan search filter sort tag archive pin unpin notify translate transcribe format convert deploy
  build compile test debug monitor track limit throttle cache refresh renew expire extend transfer
  link unlink pair unpair mirror cast boot flash patch rollback audit approve reject assign review
  publish draft embed attach detach mount unmount partition allocate provision rotate revoke grant
  authorize authenticate whitelist blacklist backfill reindex replicate shard throttle queue retry
`);

/** Nouns of everyday tech support and product documentation. */
export const NOUNS = words(`
  account password email address phone number device laptop tablet desktop browser extension app
  application update version release firmware driver battery charger cable adapter screen display
  monitor keyboard mouse touchpad camera microphone speaker headset headphones bluetooth wifi network
  router modem connection signal bandwidth speed storage disk drive partition folder file document
  photo picture image video audio song playlist podcast library gallery album contact calendar event
  reminder alarm timer notification message chat thread channel server member role permission admin
  moderator owner profile avatar username nickname status invite link code token key license
  subscription plan tier invoice receipt payment card refund discount coupon trial order shipment
  delivery package tracking return warranty repair replacement store cart checkout wallet balance
  transaction transfer deposit withdrawal fee tax report dashboard chart graph table column row cell
  formula template theme font color layout page section paragraph heading comment note draft backup
  snapshot archive export import integration plugin addon widget shortcut setting preference option
  language region timezone currency accessibility privacy security encryption certificate firewall
  antivirus malware virus spam phishing login session cookie cache history bookmark tab window
  desktop workspace project task issue ticket bug crash error warning log console terminal command
  script function variable database query index schema table record field migration deployment
  container cluster node pod service endpoint api webhook request response header payload timeout
  latency quota limit usage bill meter sensor thermostat bulb camera doorbell lock hub bridge
  controller console game save achievement trophy leaderboard match lobby party voice mic stream
  overlay clip highlight replay recording subtitle caption track episode season channel feed post
  story reel like follower friend group community forum topic reply mention reaction emoji sticker
  gif attachment upload download mirror repository branch commit merge pull tag release pipeline
  runner job artifact registry image volume secret variable environment region zone instance quota
  printer scanner ink toner paper tray queue spooler projector dock hub port slot card reader
`);

/** Adjectives and states that qualify a problem. */
export const ADJECTIVES = words(`
  new old default custom private public shared local remote offline online slow fast broken missing
  duplicate corrupted encrypted hidden visible empty full blank black frozen stuck locked unlocked
  expired invalid valid wrong correct automatic manual secure insecure unknown blocked pending failed
  successful partial recurring monthly yearly free paid premium basic advanced external internal
  wireless wired mobile desktop dark light large small temporary permanent previous current latest
  unsupported compatible incompatible primary secondary global regional verified unverified muted loud
`);

/** Modifiers used to pad questions and answers to realistic lengths. */
export const MODIFIERS = words(`
  again anymore automatically suddenly sometimes always never already still yet twice daily weekly
  quickly slowly correctly properly completely instantly randomly overnight recently permanently
  temporarily manually remotely securely safely offline online abroad together separately
`);

/** Function words for answer prose; queries made of them alone should never match anything. */
export const FILLER = words(`
  the a an to of in on for with from by at and or but if then so that this it you your we our
  is are be can will should may might must not no yes also only just first next after before
  when while once until each every any some all most more less other another same both either
`);

/** Lowercase labels for entries. */
export const TAGS = words(`
  account billing security privacy devices network audio video mobile desktop setup install
  troubleshooting performance storage sync sharing notifications payments subscriptions shipping
  returns orders api integrations admin permissions moderation gaming streaming printing smart-home
  backup recovery updates accessibility language developer deployment data export import
`);

/** Everyday words for off-topic queries ("best pizza recipe"); filtered against each generated vocabulary. */
export const OFF_TOPIC_WORDS = words(`
  pizza recipe banana bread weather forecast football basketball guitar piano violin poem novel
  garden tomato cucumber soup pasta noodle sandwich breakfast dinner lunch coffee tea wine beer
  mountain river ocean beach island volcano forest jungle desert dinosaur elephant giraffe penguin
  kitten puppy horse rabbit parrot dolphin whale shark spider butterfly bicycle motorcycle tractor
  sailboat airplane rocket planet galaxy comet astronaut wizard dragon castle knight princess
  birthday wedding holiday vacation museum painting sculpture ballet opera jazz symphony chess
  poker lottery horoscope zodiac marathon yoga pilates haircut lipstick perfume sunscreen umbrella
  grandma uncle cousin neighbour teacher dentist plumber carpenter farmer baker butcher
`);

/** Openers a person types before the actual question. */
export const FILLER_PREFIXES = [
  'hey, quick question:', 'hi all,', 'sorry if this was asked before but', 'does anyone know',
  'quick one:', 'help!', 'um', 'so', 'hello, I was wondering', 'any idea',
];

/** Closers a person types after the actual question. */
export const FILLER_SUFFIXES = ['thanks!', 'thx', 'please help', '?', 'any ideas?', 'ty in advance'];

// Syllables for generated jargon. Off-topic words use a disjoint inventory (see `offTopicWord`), so
// they can never coincide with a knowledge-base word, and are far from them in edit distance too.
const ONSETS = words('b br c cl d dr f fl g gr h j k kl l m n p pl pr r s st t tr v w z');
const NUCLEI = words('a e i o u ai ea io ou');
const CODAS = ['', '', 'n', 'r', 'l', 's', 'x', 'm', 'nd', 'rt'];
const OFF_ONSETS = words('qu x zh yv gw ph sq');
const OFF_NUCLEI = words('y oo uy ae');
const PRODUCT_SUFFIXES = ['', '', '', ' Pro', ' Cloud', ' Sync', ' Hub', ' Studio', ' Go', ' Max'];

function syllableWord(rng: Rng, onsets: string[], nuclei: string[], syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += rng.pick(onsets) + rng.pick(nuclei) + (i === syllables - 1 ? rng.pick(CODAS) : '');
  return w;
}

/** The generated part of the vocabulary: jargon nouns and product names, distinct from each other. */
export interface GeneratedVocabulary {
  jargon: string[];
  products: string[];
}

/** `jargonCount` lowercase jargon words and `productCount` capitalised product names. */
export function generateVocabulary(rng: Rng, jargonCount: number, productCount: number): GeneratedVocabulary {
  const seen = new Set<string>([...VERBS, ...NOUNS, ...ADJECTIVES, ...MODIFIERS, ...FILLER]);
  const fresh = (syllables: number): string => {
    for (;;) {
      const w = syllableWord(rng, ONSETS, NUCLEI, syllables);
      if (!seen.has(w)) {
        seen.add(w);
        return w;
      }
    }
  };
  const jargon = Array.from({ length: jargonCount }, () => fresh(rng.int(2, 3)));
  const products = Array.from({ length: productCount }, () => {
    const w = fresh(rng.int(2, 4));
    return w[0]!.toUpperCase() + w.slice(1) + rng.pick(PRODUCT_SUFFIXES);
  });
  return { jargon, products };
}

/** A word guaranteed absent from every knowledge base: built from syllables the KB never uses. */
export function offTopicWord(rng: Rng): string {
  return syllableWord(rng, OFF_ONSETS, OFF_NUCLEI, rng.int(2, 3));
}
