/**
 * Stop words for topic keywords in machine-learning abstracts.
 *
 * Three classes, because a word that is noise alone can still carry meaning inside a phrase
 * ("model" in "model merging"):
 * - function words end a phrase and are never keywords ("the", "via", "however");
 * - boilerplate words of abstracts also end a phrase and are never keywords ("propose",
 *   "state-of-the-art", "outperforms", "method");
 * - generic words may sit inside a keyword phrase but are never a keyword alone, and a phrase
 *   made only of generic words is not a keyword either ("model", "data", "learning").
 *
 * The general English list comes from the `stopword` package; the rest is written here because
 * no published list targets ML abstracts. Words are lowercase; plural forms are listed where the
 * singular is listed, since matching happens before plural folding.
 */
import { eng } from 'stopword';

const EXTRA_FUNCTION_WORDS = `
a about above across after afterwards again against almost along already also although always
among amongst an and any anyone anything anywhere are around as at be became because become
becomes becoming been before beforehand behind being below beside besides between beyond both
but by can cannot could did do does doing done down due during each either else elsewhere enough
especially etc even ever every everything far few fewer for from further furthermore had has have
having he hence her here hereby herein hers herself him himself his how however i ie eg if in
indeed instead into is it its itself just least less let lets like likely made mainly make makes
making many may me meanwhile might more moreover most mostly much must my namely neither never
nevertheless no nor not notably now of off often on once one ones only onto or other others
otherwise our ours ourselves out over overall own per perhaps quite rather really regarding
regardless respectively same several she should since so some somewhat such than that the their
theirs them themselves then thence there thereby therefore therein these they this those though
through throughout thus to together too toward towards under unlike until up upon us very via was
we well were what whatever when whenever where whereas wherein whether which while who whom whose
why will with within without would yet you your et al vs versus two three four five six seven
eight nine ten dozens hundreds thousands millions billions first second third s th non
`;

const BOILERPLATE_WORDS = `
abstract paper papers work works study studies propose proposes proposed proposing present
presents presented presenting introduce introduces introduced introducing novel new show shows
showed shown showing demonstrate demonstrates demonstrated demonstrating result results resulting
achieve achieves achieved achieving achievement outperform outperforms outperformed outperforming
surpass surpasses surpassing improve improves improved improving improvement improvements enhance
enhances enhanced enhancing enhancement performance performances perform performs performed
performing state-of-the-art sota existing extensive extensively experiment experiments
experimental experimentally empirical empirically significantly significant substantially
substantial effective effectively effectiveness superior remarkable remarkably promising
comprehensive comprehensively various numerous multiple key main recent recently current currently
previous previously prior widely commonly typically generally usually simple simply easily
specifically particularly additionally finally based using use used uses utilize utilizes
utilized utilizing leverage leverages leveraged leveraging enable enables enabled enabling
provide provides provided providing allow allows allowed allowing require requires required
requiring address addresses addressed addressing aim aims aimed focus focuses focused consider
considers considered explore explores explored exploring investigate investigates investigated
investigating evaluate evaluates evaluated evaluating conduct conducts conducted release released
releases available publicly code github com https http www org io html approach approaches method
methods methodology technique techniques framework frameworks achieve great greatly notable lead
leads leading led obtain obtains obtained yield yields yielding fail fails remains remain remained
challenging crucial important critical essential often demonstrate paradigm solution solutions
furthermore find finds found reveal reveals revealed observe observed observation thereby
advantage advantages limitation limitations effect effects impact impacts standard standards
start starts started starting define defines defined defining approximately potential potentially
exhibit exhibits exhibited exhibiting reduce reduces reduced reducing reduction different differ
differs optimized billion million including include includes included diverse gap gaps designed
limited support supports supported supporting able unable need needs needed ensure ensures
ensuring offer offers offering achieves underexplored understudied overlooked largely discuss
discusses discussed discussing
`;

const GENERIC_WORDS = `
model models data dataset datasets task tasks learning network networks system systems training
information problem problems analysis quality accuracy efficiency efficient time times set sets
process processes tool tools feature features level levels range way ways ability abilities
capability capabilities challenge challenges application applications domain domains scenario
scenarios setting settings benchmark benchmarks baseline baselines evaluation evaluations design
designs architecture architectures structure structures mechanism mechanisms component components
module modules pipeline pipelines large high low better best strong accurate real-world end-to-end
terms term number numbers large-scale high-quality trained train fine-tuned specific general
strategy strategies scale scales cost costs understanding tasks input inputs output outputs
type types form forms factor factors space variety wide world computational complex dynamic
single research unified
`;

function wordSet(...lists: (string | readonly string[])[]): ReadonlySet<string> {
  const words = new Set<string>();
  for (const list of lists) {
    const items = typeof list === 'string' ? list.split(/\s+/) : list;
    for (const word of items) if (word) words.add(word.toLowerCase());
  }
  return words;
}

/** Words that end a phrase and never become keywords: general English plus abstract boilerplate. */
export const PHRASE_BREAKING_WORDS: ReadonlySet<string> = wordSet(
  eng,
  EXTRA_FUNCTION_WORDS,
  BOILERPLATE_WORDS,
);

/** Words allowed inside a keyword phrase but never a keyword alone. */
export const GENERIC_WORDS_SET: ReadonlySet<string> = wordSet(GENERIC_WORDS);
