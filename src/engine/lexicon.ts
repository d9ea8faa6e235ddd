/**
 * The general English the matcher uses: words that carry no topic and the question words. A word belongs here only
 * when it would be right for a bank's, a game's or a school's FAQ alike; a knowledge base's own words (synonyms,
 * abbreviations, names) live in its knowledge file (see alterations.ts).
 */

/**
 * Words that say nothing about what is asked: function words, question words (their intent is read separately,
 * see {@link INTENT_WORDS}), and the chat filler people wrap questions in ("hey bot, quick q, anyone know…").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
 `a about above actually after again against all also am an and any anybody anyone anything anyway anyways are
 aren around as at be because been before being below between both but by can cannot could couldn did didn
 do does doesn doing don done during each either else even ever every exactly few for from further 
 had hadn has hasn have haven having he her here hers herself him himself his how however i
 if into is isn it its itself just kind kinda know knows let lets like likely me mean might mine more most
 much must my myself need needs nor now of often once one only or other others otherwise our ours
 ourselves over own per perhaps please pls plz quite rather re really right said same say says see seem
 seems shall she should shouldn since so some somebody someone something sort still such sure tell than that
 thats the their theirs them themselves then there these they thing things think this those though through
 thus to too toward towards u under until upon ur us very via want wanna was wasn way we well were weren
 what whats when whenever where whereas whether which while who whom whose why will with within without won
 would wouldn y yeah yes yet you your yours yourself yourselves
 hey hi hello yo hiya heya bot guys folks everyone everybody quick question q qq ques anybody curious wondering
 wonder wondered asking ask asked thanks thank thx ty lol lmao haha btw fyi idk tbh imo imho ok okay oh
 ah hmm um uh like basically honestly seriously literally genuinely probably maybe guess
 goes going went come comes came keep keeps kept stay stays stayed make makes take takes took give
 gives gave put puts try trying tried find found look looking looked happen happens happened really actually
 stuff thing things lot lots bit little big way ways manner day today currently nowadays these days
 tho ngl fr rn smh ya yall gonna gotta sorta dunno lemme gimme r n pls ppl nah bc cuz w
 s t d ll m ve
 wat wut wht wich whch hw y wy whyd
 im ive ill youre youve youll youd theyre theyve theyll theyd weve hes shes itll theres whos`.split(/\s+/).filter(Boolean),
);

/** Question words and what they ask for; a matching intent breaks ties between entries that share topic words. */
export const INTENT_WORDS: Readonly<Record<string, Intent>> = {
  why: 'why',
  reason: 'why',
  reasons: 'why',
  benefits: 'why',
  advantages: 'why',
  how: 'how',
  what: 'what',
  whats: 'what',
  wat: 'what',
  which: 'what',
  hows: 'how',
  is: 'yesno',
  does: 'yesno',
  do: 'yesno',
  are: 'yesno',
  can: 'yesno',
  // Chat spellings: "r they using python", "wat does netflix use", "wich languages".
  r: 'yesno',
  wut: 'what',
  wht: 'what',
  wich: 'what',
  whch: 'what',
  hw: 'how',
  y: 'why',
  wy: 'why',
  whyd: 'why',
  did: 'yesno',
};

export type Intent = 'why' | 'how' | 'what' | 'yesno';
