import type { HelpLang } from "./help-language.js";

/**
 * Words the help center's search ignores, per language: function words (pronouns, prepositions,
 * conjunctions, auxiliaries, particles) and the greetings and courtesies of a customer's message ("hi",
 * "thanks", "poštovani", "здравствуйте"), so a whole question ranks articles by its content words.
 * Written as people write them; help-language.ts folds them the way it folds words (no diacritics,
 * ё as е) before comparing. Content words stay out even when frequent ("order", "help", "день"): the
 * ranking already discounts what every article says.
 */
export const helpStopWordText: Record<HelpLang, string> = {
  en: `
    a about above after again against all am an and any are as at be because been before being below
    between both but by can cannot could did do does doing done down during each either else ever few for
    from further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me might mine more most must my myself neither no nor not now of off on once only or other
    ought our ours ourselves out over own same shall she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up upon us very was we
    were what whatever when where whether which while who whom whose why will with within without would
    yet you your yours yourself yourselves
    aren couldn didn doesn don hadn hasn haven isn ll mustn re shan shouldn ve wasn weren won wouldn
    also anyway still hello hey hi dear please thank thanks regards cheers ok okay yes
  `,
  ru: `
    а без более бы был была были было быть в вам вами вас ваш ваша ваше вашего вашей вашем вашу ваши
    ваших вдруг ведь во вот все всего всех всю вы где да даже для до добрый если есть еще ж же за зачем
    здесь здравствуйте и из или им ими их к как какая какие какой когда кто куда ли либо лишь между меня
    мне мной мною мог могу может можете можно мой моя мое моего моей моем мою мои моих мы на над надо нам
    нами нас наш наша наше нашего нашей нашу наши не него нее ней нельзя нем нет ни нибудь никогда ним
    ними них ничего но ну о об однако он она они оно от очень перед по под пожалуйста подскажите после
    потом потому почему привет при про раз с сам свой свою свои своего своей себе себя сейчас скажите со
    спасибо так также такой там те тем теперь то тогда того тоже той только том тот тут ты у уже хотя
    чего чем через что чтобы чтоб чье чья эта эти этим этих это этого этой этом этот эту я
  `,
  hr: `
    a ako ali bez bi bih bila bile bili bilo bio bismo biste biti bok budu bude dobar će ćemo ćete ćeš ću da do
    dok gdje hvala i ih ili im iz ja je jer još joj ju k ka kad kada kako kao kod koja koje kojeg kojem
    koji kojih kojim kojima kojoj koju li me meni mene mi mnom mogu moj moja moje mojeg mojem mojoj moju
    molim može možete mu na nad nakon nam nama nas naš naša naše našeg ne nego nešto neki neka nema ni
    nije nisam nisu niti njega njemu njezin njih njihov njoj nju no o od on ona one oni ono ova ovaj ove
    ovi ovih ovim ovo ovog ovoga ovom ovoj ovu pa po pod poštovani pozdrav pozdravi pri prije preko
    s sa sam samo se si smo ste su sve svi svoj svoja svoje ta taj te tebe tebi ti tim to tog toga toj
    tom tome tu u uz vam vama vas vaš vaša vaše vašeg vašem vašoj vašu već vi za zašto zbog želim što
  `,
  sk: `
    a aby ahoj aj ak ako ale alebo ani bez bol bola boli bolo bude budem budú by byť cez čo či ďakujem
    do dobrý ho ich im ja je jeho jej ju k keď kde kedy ktorá ktoré ktorého ktorej ktorí ktorou ktorú
    ktorý ktorých ktorým ku len lebo ma má mám máme máte majú mi medzi mne mnou môj moja moje mojej
    mojho moju môže môžem môžete my na nad nám nás náš naša naše nášho nie niečo nič o od on ona oni ono
    ony po pod podľa pozdravom pre pred preto prečo pri prosím s sa si sme so som ste sú svoj svoja
    svoje ta tá tak takže tam teba tebe ten tento tej ti tie tiež to toho tom tomu toto tu tú tým tých
    u už v vám vás váš vaša vaše vašej vášho vašu veľmi vo vy z za zdravím že zo
  `,
};
