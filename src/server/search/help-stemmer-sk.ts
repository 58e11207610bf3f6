/**
 * A light Slovak stemmer: no maintained JavaScript library covers Slovak (the Czech Snowball ports
 * mis-stem Slovak endings such as -ou, -om, -ia/-ie and gen. pl. -ok), so this removes the case and
 * number endings of nouns and adjectives, and the most regular verb endings, and nothing else.
 *
 * It works on words that are lowercase and without diacritics: help-language.ts folds before stemming,
 * so "objednávky" and "objednavky" are the same input and meet. The endings below are written folded
 * for that reason (-ého → -eho, -ú → -u).
 */

/** Endings (folded), tried longest first; the first that leaves at least MIN_STEM letters is removed. */
const SUFFIXES: readonly string[] = [
  // verbs: the -ovať infinitive and the present tense of -ovať verbs (-ujem, -uješ, …, -ujú)
  "ovat ujeme ujete ujem ujes uju uje",
  // nouns: plural cases (-ami, -ách, -och, -ov, -om), -ia/-ie nouns (reklamácia, vrátenie), -ou, -ovi
  "ami mi ach iach och ov om am iam iami ia ie ii iu iou ou ovi ovia ej",
  // adjectives: -ého, -ému, -ých, -ými, -ým, soft -ieho, -iemu, -ích, -ími, -ím
  "eho emu ych ymi ym ieho iemu ich imi im",
  // one vowel: -a, -e, -i, -o, -u, -y (and -á, -é, -í, -ó, -ú, -ý once folded)
  "a e i o u y",
]
  .flatMap((group) => group.split(" "))
  .sort((a, b) => b.length - a.length);

/** A stem keeps at least this many letters ("dom" stays whole; "domov" → "dom"). */
const MIN_STEM = 3;

/**
 * Genitive plural inserts a vowel before the final consonant of -ka/-ok nouns ("objednávka" →
 * "objednávok", "položka" → "položiek", "obrázok" → "obrázka"); applied after the ending is gone, this
 * gives every form one stem ("objednavk").
 */
const FLEETING_VOWELS: readonly (readonly [string, string])[] = [
  ["iek", "k"],
  ["ok", "k"],
];

const isConsonant = (letter: string | undefined) => letter !== undefined && !/[aeiouy]/.test(letter);

/** The stem of a lowercase Slovak word without diacritics ("objednavkou" → "objednavk"). */
export function stemSlovak(word: string): string {
  let stem = word;
  for (const suffix of SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MIN_STEM) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  for (const [from, to] of FLEETING_VOWELS) {
    const rest = stem.length - from.length;
    if (stem.endsWith(from) && rest + to.length >= MIN_STEM + 1 && isConsonant(stem[rest - 1])) {
      return stem.slice(0, rest) + to;
    }
  }
  return stem;
}
