/** Russian letters as Latin ones (a simple, readable scheme: "Оплата" → "oplata", "щётка" → "shchetka"). */
const russian: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

/** Letters that have no decomposed form, so removing accents leaves them as they are. */
const other: Record<string, string> = { đ: "d", ł: "l", ø: "o", ß: "ss", æ: "ae", œ: "oe" };

export const MAX_SLUG_LENGTH = 80;

/**
 * The readable part of a public address, from a title or name: lowercase, accents removed (č → c),
 * Russian transliterated, anything else not a letter or digit turned into hyphens, at most 80
 * characters, never empty (`fallback`, "article" unless given).
 */
export function slugify(text: string, fallback = "article"): string {
  const latin = [...text.toLowerCase()]
    .map((letter) => russian[letter] ?? other[letter] ?? letter)
    .join("")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  const slug = latin
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
  return slug || fallback;
}
