/**
 * The language knowledge the matcher uses: words that carry no topic, phrasings that mean the same thing, and
 * abbreviations. It is general English and general tech vocabulary, not tuned to any one knowledge base: a word
 * belongs here only when it would be right for any FAQ about software and companies.
 */

/**
 * Words that say nothing about what is asked: function words, question words (their intent is read separately,
 * see {@link INTENT_WORDS}), and the chat filler people wrap questions in ("hey bot, quick q, anyone know…").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above actually after again against all also am an and any anybody anyone anything anyway anyways are
  aren around as at be because been before being below between both but by can cannot could couldn did didn
  do does doesn doing don done down during each either else even ever every exactly few for from further get
  gets getting got had hadn has hasn have haven having he her here hers herself him himself his how however i
  if in into is isn it its itself just kind kinda know knows let lets like likely me mean might mine more most
  much must my myself need needs no nor not now of off often on once one only or other others otherwise our ours
  ourselves out over own per perhaps please pls plz quite rather re really right said same say says see seem
  seems shall she should shouldn since so some somebody someone something sort still such sure tell than that
  thats the their theirs them themselves then there these they thing things think this those though through
  thus to too toward towards u under until up upon ur us very via want wanna was wasn way we well were weren
  what whats when whenever where whereas whether which while who whom whose why will with within without won
  would wouldn y yeah yes yet you your yours yourself yourselves
  hey hi hello yo hiya heya bot guys folks everyone everybody quick question q qq ques anybody curious wondering
  wonder wondered asking ask asked help thanks thank thx ty lol lmao haha btw fyi idk tbh imo imho ok okay oh
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

/**
 * Groups of words that mean the same thing for matching. The first word of a group is the one every other
 * is read as. Multi-word forms are matched as phrases in the text before tokens are split.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['use', 'utilize', 'utilise', 'utilized', 'utilised', 'utilization', 'employ', 'employs', 'leverage', 'leverages'],
  // What a thing is used for, kept apart from "use": "python use cases" asks for the uses, not whether it is used.
  ['usage', 'usages', 'use case', 'use cases', 'usecase', 'usecases', 'purpose', 'purposes'],
  ['science', 'scientist', 'scientists', 'scientific'],
  ['code', 'coded', 'coding', 'codebase', 'code base', 'source code', 'written', 'write', 'writes', 'programmed', 'implemented', 'made with', 'made in', 'made using', 'built with', 'built in', 'built on', 'built using', 'built w', 'made w', 'written using', 'developed in', 'developed with'],
  // "uptime" leads: the stem of "availability" is also that of "available" ("is it available in my country").
  ['uptime', 'availability', 'online', 'reliability', 'reliable', 'resilience', 'resilient', 'outage', 'outages', 'downtime', 'redundancy', 'failover', 'fault tolerance', 'fault tolerant', 'stay up', 'stays up', 'staying up', 'go down', 'goes down', 'going down', 'crash', 'crashes', 'crashing', '24/7', 'dependable', 'dependability', 'always up', 'always online', 'never down', 'stay available', 'stays available', 'remain available', 'remains available', 'always available'],
  ['storage', 'database', 'databases', 'db', 'dbs', 'datastore', 'datastores', 'data store', 'sql', 'nosql'],
  ['recommendation', 'recommend', 'recommender', 'recommends', 'recommended', 'suggestions', 'suggestion', 'suggest', 'suggests', 'suggested', 'suggesting', 'because you watched', 'what to watch', 'want to watch', 'recsys', 'personalization', 'personalisation', 'personalize', 'personalise', 'personalized'],
  ['language', 'languages', 'lang', 'langs'],
  ['technology', 'technologies', 'tech', 'stack', 'tools', 'tooling', 'toolkit', 'toolkits'],
  ['library', 'libraries', 'libs', 'lib', 'packages', 'modules'],
  ['prefer', 'preferred', 'favorite', 'favourite', 'popular', 'choose', 'chose', 'chosen', 'chooses', 'choosing', 'pick', 'picked', 'picks', 'picking', 'opt', 'opted'],
  ['engineer', 'engineers', 'engineering', 'developer', 'developers', 'dev', 'devs', 'programmer', 'programmers', 'coder', 'coders'],
  ['frontend', 'front end', 'front-end', 'ui', 'client side'],
  ['backend', 'back end', 'back-end', 'server side'],
  ['company', 'companies', 'business', 'businesses', 'firm', 'firms'],
  ['security', 'secure', 'privacy', 'protect', 'protects', 'protection'],
  ['contribute', 'contributes', 'contribution', 'contributions', 'share', 'shares', 'sharing', 'publish', 'publishes', 'give back'],
  ['enhance', 'enhances', 'improve', 'improves', 'improving', 'boost', 'boosts'],
  ['predict', 'predicts', 'prediction', 'predictions', 'forecast', 'anticipate'],
  ['viewing', 'watch', 'watching', 'view', 'views', 'viewers'],
  ['scalability', 'scale', 'scales', 'scaling', 'scalable'],
  ['analysis', 'analytics', 'analyze', 'analyse', 'analyzing', 'analysing'],
  ['automation', 'automate', 'automates', 'automating', 'scripting', 'scripts'],
  ['algorithm', 'algorithms', 'algo', 'algos'],
  ['datacenter', 'datacenters', 'data center', 'data centers', 'data centre', 'data centres'],
  ['deploy', 'deploys', 'deploying', 'deployed', 'deployment', 'host', 'hosts', 'hosted', 'hosting', 'run on', 'runs on', 'running on'],
  ['benefit', 'benefits', 'advantage', 'advantages', 'pros', 'strengths'],
];

/**
 * Two-letter words that are names in tech talk ("is netflix written in go"); other words that short are too
 * ambiguous to count (see query.ts).
 */
export const SHORT_NAMES: ReadonlySet<string> = new Set(['go', 'c']);

/**
 * Companies, products and languages that everyday-English frequency ranks as common words ("apple", "amazon",
 * "ruby") or does not know at all: asked about where a knowledge-base word stands, they make it another question
 * ("how does google ensure high availability"), so they always weigh as names.
 */
export const NAMES: ReadonlySet<string> = new Set(
  `google alphabet amazon aws apple microsoft facebook meta instagram whatsapp twitter tiktok snapchat
  spotify uber lyft airbnb hulu disney hbo youtube twitch reddit discord slack zoom dropbox pinterest linkedin
  paypal stripe shopify salesforce oracle ibm intel nvidia amd tesla samsung sony adobe atlassian github gitlab
  openai anthropic baidu alibaba tencent bytedance yahoo ebay etsy doordash instacart robinhood coinbase
  go golang rust ruby kotlin scala swift perl php haskell elixir erlang clojure lua dart julia fortran cobol
  csharp cpp c matlab rlang`.split(/\s+/).filter(Boolean),
);

/** Abbreviations people type, expanded before matching. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ml: 'machine learning',
  ai: 'machine learning',
  'artificial intelligence': 'machine learning',
  'a.i.': 'machine learning',
  dl: 'deep learning',
  oss: 'open source',
  foss: 'open source',
  sci: 'science',
  viz: 'visualization',
  ops: 'operations',
  opensource: 'open source',
  ha: 'high availability',
  ds: 'data science',
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  node: 'nodejs',
  'node.js': 'nodejs',
  k8s: 'kubernetes',
  recs: 'recommendations',
  rec: 'recommendation',
  infra: 'infrastructure',
  prog: 'programming',
  db: 'database',
  nf: 'netflix',
  github: 'open source',
  aws: 'aws',
  'amazon web services': 'aws',
};
