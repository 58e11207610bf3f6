import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useHelpCenter, useHelpPages, useSaveHelpPage } from "../../api/help-center-queries.js";
import type { Language, THelpPage, THelpPageKind } from "../../api/help-center-types.js";
import { languages, useI18n } from "../../i18n/i18n.js";
import { useTitle } from "../../router.js";
import { ErrorMessage, QueryState } from "../settings/settings-ui.js";
import { helpLanguages } from "./article-status.js";
import { MarkdownField } from "./markdown-field.js";
import { useUnsavedGuard } from "./use-unsaved-guard.js";

const kinds: THelpPageKind[] = ["contact", "complaints"];

/**
 * The help center's two pages that are not articles, per language: the intro above the contact form and
 * the complaint procedure. Owners and admins edit them; everyone else reads them here.
 */
export function PagesPage() {
  const { t } = useI18n();
  const settings = useHelpCenter();
  const pages = useHelpPages();
  const canManage = settings.data?.abilities.canManage ?? false;
  const [dirty, setDirty] = useState<Record<string, boolean>>({});
  const markDirty = useCallback(
    (kind: THelpPageKind, isDirty: boolean) =>
      setDirty((prev) => (prev[kind] === isDirty ? prev : { ...prev, [kind]: isDirty })),
    [],
  );
  useTitle(t("helpCenter.pages.title"));
  useUnsavedGuard(Object.values(dirty).some(Boolean), t("helpCenter.editor.leaveConfirm"));

  return (
    <>
      <h1>{t("helpCenter.pages.title")}</h1>
      <p className="muted">{t("helpCenter.pages.intro")}</p>
      {!canManage && settings.data && <p className="settings-notice">{t("helpCenter.pages.readOnly")}</p>}
      <QueryState query={pages}>
        {kinds.map((kind) => (
          <PageEditor
            key={kind}
            kind={kind}
            pages={pages.data ?? []}
            canManage={canManage}
            onDirty={markDirty}
          />
        ))}
      </QueryState>
    </>
  );
}

function PageEditor({
  kind,
  pages,
  canManage,
  onDirty,
}: {
  kind: THelpPageKind;
  pages: THelpPage[];
  canManage: boolean;
  onDirty: (kind: THelpPageKind, isDirty: boolean) => void;
}) {
  const { t, language, formatDateTime } = useI18n();
  const [lang, setLang] = useState<Language>(helpLanguages.includes(language) ? language : "en");
  const [edits, setEdits] = useState<Partial<Record<Language, { title: string; body: string }>>>({});
  const [savedLang, setSavedLang] = useState<Language | null>(null);
  const save = useSaveHelpPage();
  const page = pages.find((p) => p.kind === kind && p.lang === lang);
  const value = edits[lang] ?? { title: page?.title ?? "", body: page?.body ?? "" };
  const isDirtyIn = (l: Language) => {
    const edit = edits[l];
    const stored = pages.find((p) => p.kind === kind && p.lang === l);
    return Boolean(edit && (edit.title !== (stored?.title ?? "") || edit.body !== (stored?.body ?? "")));
  };
  const isDirty = helpLanguages.some(isDirtyIn);
  useEffect(() => onDirty(kind, isDirty), [kind, isDirty, onDirty]);
  const change = (next: { title: string; body: string }) => {
    setSavedLang(null);
    setEdits((prev) => ({ ...prev, [lang]: next }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent = value;
    save.mutate(
      { kind, lang, title: sent.title.trim(), body: sent.body },
      {
        onSuccess: () => {
          setSavedLang(lang);
          setEdits((prev) => {
            const next = { ...prev };
            if (next[lang] === sent) delete next[lang];
            return next;
          });
        },
      },
    );
  };

  const headingId = `page-${kind}`;
  return (
    <section className="create-form hc-page" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`helpCenter.pages.${kind}`)}</h2>
      <p className="muted hint">{t(`helpCenter.pages.${kind}Hint`)}</p>
      <div role="tablist" aria-label={t("helpCenter.editor.languages")} className="hc-lang-tabs">
        {languages.map(({ code, name }) => (
          <button
            key={code}
            type="button"
            role="tab"
            id={`${kind}-tab-${code}`}
            aria-controls={`${kind}-panel`}
            aria-selected={code === lang}
            onClick={() => setLang(code)}
          >
            <span lang={code}>{name}</span>
            {isDirtyIn(code) && (
              <span className="hc-unsaved-dot" title={t("helpCenter.editor.unsaved")}>
                <span className="visually-hidden">{t("helpCenter.editor.unsaved")}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <form
        id={`${kind}-panel`}
        role="tabpanel"
        aria-labelledby={`${kind}-tab-${lang}`}
        className="stack"
        onSubmit={submit}
      >
        <fieldset className="plain-fieldset stack" disabled={!canManage}>
          <label className="field">
            <span>{t("helpCenter.pages.pageTitle")}</span>
            <input
              lang={lang}
              value={value.title}
              required
              maxLength={200}
              onChange={(e) => change({ ...value, title: e.target.value })}
            />
          </label>
          <MarkdownField
            key={lang}
            id={`${kind}-body-${lang}`}
            label={t("helpCenter.pages.body")}
            value={value.body}
            rows={10}
            isReadOnly={!canManage}
            onChange={(body) => change({ ...value, body })}
          />
        </fieldset>
        <ErrorMessage error={save.error} />
        {canManage && (
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {t("common.save")}
            </button>
            <span role="status" className={savedLang === lang ? "saved" : "muted"}>
              {savedLang === lang
                ? t("settings.saved")
                : isDirtyIn(lang)
                  ? t("helpCenter.editor.unsaved")
                  : page
                    ? t("helpCenter.pages.updatedAt", { at: formatDateTime(page.updatedAt) })
                    : ""}
            </span>
          </div>
        )}
      </form>
    </section>
  );
}
