import type { Language } from "../../api/help-center-types.js";
import { useI18n } from "../../i18n/i18n.js";
import type { TChipStatus } from "./article-status.js";

/** "EN published": a language's code and state, coloured by state (the word says it, not only the colour). */
export function LanguageChip({ lang, status }: { lang: Language; status: TChipStatus }) {
  const { t } = useI18n();
  return (
    <span className={`hc-chip hc-chip-${status}`}>
      <span className="hc-chip-lang">{lang.toUpperCase()}</span> {t(`helpCenter.status.${status}`)}
    </span>
  );
}

/** The four chips of an article, as a list (screen readers hear "EN published, RU missing, …"). */
export function LanguageChips({
  chips,
  label,
}: {
  chips: { lang: Language; status: TChipStatus }[];
  label: string;
}) {
  return (
    <ul className="hc-chips" aria-label={label}>
      {chips.map((chip) => (
        <li key={chip.lang}>
          <LanguageChip lang={chip.lang} status={chip.status} />
        </li>
      ))}
    </ul>
  );
}
