import { useMemo, useState, type FormEvent } from "react";
import {
  useCreateArticle,
  useDeleteArticle,
  useHelpArticle,
  useHelpCenter,
  useSaveTranslation,
  useUnpublishTranslation,
  useUpdateArticle,
} from "../../api/help-center-queries.js";
import type { Language, TArticleContent, TArticlePatch, THelpArticle } from "../../api/help-center-types.js";
import type { TUser } from "../../api/types.js";
import { languages, useI18n } from "../../i18n/i18n.js";
import { Link, navigate, useLocation, useTitle } from "../../router.js";
import { ConfirmDialog, ErrorMessage, QueryState } from "../settings/settings-ui.js";
import { ArticleSidePanel, type TArticleMeta } from "./article-side-panel.js";
import { helpLanguages, openingLanguage, translationStatus } from "./article-status.js";
import { LanguageChip } from "./language-chips.js";
import { MarkdownField } from "./markdown-field.js";
import { charactersLeft } from "./text-edit.js";
import { useUnsavedGuard } from "./use-unsaved-guard.js";

const DESCRIPTION_LIMIT = 300;
const empty: TArticleContent = { title: "", description: "", keywords: "", body: "" };
const contentOf = (article: THelpArticle | undefined, lang: Language): TArticleContent => {
  const draft = article?.translations[lang]?.draft;
  return draft
    ? { title: draft.title, description: draft.description, keywords: draft.keywords, body: draft.body }
    : empty;
};
const sameContent = (a: TArticleContent, b: TArticleContent) =>
  a.title === b.title && a.description === b.description && a.keywords === b.keywords && a.body === b.body;
const isLanguage = (value: string | null): value is Language => helpLanguages.includes(value as Language);

/**
 * An article (/help-center/articles/:id) or a new one (/help-center/articles/new). Each language is a
 * tab with its own draft, saved, published and unpublished on its own; edits in several tabs are kept
 * until saved, and leaving with unsaved edits asks first. The side panel's settings (section,
 * visibility, owner, review date, tags) are saved as they change.
 */
export function ArticleEditor({ id, user }: { id: string; user: TUser }) {
  const { t } = useI18n();
  const isNew = id === "new";
  const article = useHelpArticle(isNew ? undefined : id);
  const settings = useHelpCenter();
  if (isNew) {
    return (
      <QueryState query={settings}>
        {settings.data &&
          (settings.data.abilities.canCreateArticles ? (
            <EditorForm article={undefined} user={user} canManage={settings.data.abilities.canManage} />
          ) : (
            <p className="settings-notice">{t("helpCenter.editor.cannotCreate")}</p>
          ))}
      </QueryState>
    );
  }
  return (
    <QueryState query={article}>
      {article.data && (
        <EditorForm
          article={article.data}
          user={user}
          canManage={settings.data?.abilities.canManage ?? false}
        />
      )}
    </QueryState>
  );
}

function EditorForm({
  article: loaded,
  user,
  canManage,
}: {
  article: THelpArticle | undefined;
  user: TUser;
  canManage: boolean;
}) {
  const { t, language: uiLanguage, formatDateTime } = useI18n();
  const { query, path } = useLocation();
  // A new article becomes a real one at its first save; the editor stays on it (and keeps the other
  // tabs' edits) even if a step after the creation fails.
  const [createdId, setCreatedId] = useState<string | null>(null);
  const created = useHelpArticle(createdId ?? undefined);
  const article = loaded ?? created.data;
  const lang: Language = isLanguage(query.get("lang"))
    ? (query.get("lang") as Language)
    : openingLanguage(article, uiLanguage);
  const [edits, setEdits] = useState<Partial<Record<Language, TArticleContent>>>({});
  const [meta, setMeta] = useState<TArticleMeta>({
    sectionId: null,
    visibility: "public",
    ownerId: user.id,
    reviewBy: null,
    tagIds: [],
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);
  const create = useCreateArticle();
  const save = useSaveTranslation();
  const unpublish = useUnpublishTranslation();
  const update = useUpdateArticle();
  const remove = useDeleteArticle();

  const abilities = article?.abilities ?? {
    canEdit: true,
    canPublish: true,
    canDelete: false,
    canChangeOwner: canManage,
    canChangeVisibility: canManage,
  };
  const canEdit = abilities.canEdit;
  const content = edits[lang] ?? contentOf(article, lang);
  const dirty = useMemo(
    () => helpLanguages.filter((l) => edits[l] && !sameContent(edits[l], contentOf(article, l))),
    [edits, article],
  );
  const isDirty = dirty.length > 0 || (!article && meta.tagIds.length > 0);
  const isBusy = create.isPending || save.isPending || unpublish.isPending;
  useUnsavedGuard(isDirty, t("helpCenter.editor.leaveConfirm"));

  const heading = article
    ? contentOf(article, lang).title ||
      helpLanguages.map((l) => article.translations[l]?.draft.title).find(Boolean) ||
      t("helpCenter.untitled")
    : t("helpCenter.editor.newTitle");
  useTitle(heading);

  const edit = (field: keyof TArticleContent, value: string) => {
    setSaved(null);
    setEdits((prev) => ({
      ...prev,
      [lang]: { ...(prev[lang] ?? contentOf(article, lang)), [field]: value },
    }));
  };
  /** Forgets a language's edits once saved, unless more was typed meanwhile. */
  const settle = (l: Language, sent: TArticleContent) =>
    setEdits((prev) => {
      if (!prev[l] || !sameContent(prev[l], sent)) return prev;
      const next = { ...prev };
      delete next[l];
      return next;
    });
  const switchLanguage = (next: Language) => {
    const params = new URLSearchParams(query);
    params.set("lang", next);
    navigate(`${path}?${params.toString()}`, { replace: true });
  };

  const run = async (action: () => Promise<string>) => {
    setError(null);
    setSaved(null);
    try {
      setSaved(await action());
    } catch (caught) {
      setError(caught);
    }
  };

  /** The first save of a new article: create it in this language, then save the other tabs and the tags. */
  const createArticle = async (publish: boolean) => {
    const sent = content;
    const made = await create.mutateAsync({
      sectionId: meta.sectionId,
      visibility: meta.visibility,
      ownerId: meta.ownerId,
      reviewBy: meta.reviewBy,
      lang,
      ...sent,
    });
    setCreatedId(made.id);
    settle(lang, sent);
    if (publish) await save.mutateAsync({ id: made.id, lang, publish: true });
    for (const other of dirty.filter((l) => l !== lang)) {
      const body = edits[other]!;
      await save.mutateAsync({ id: made.id, lang: other, body });
      settle(other, body);
    }
    if (meta.tagIds.length) await update.mutateAsync({ id: made.id, tagIds: meta.tagIds });
    setMeta((prev) => ({ ...prev, tagIds: [] }));
    navigate(`/help-center/articles/${made.id}?lang=${lang}`, { replace: true });
    return publish ? t("helpCenter.editor.published") : t("helpCenter.editor.draftSaved");
  };

  const saveDraft = (event?: FormEvent) => {
    event?.preventDefault();
    void run(async () => {
      if (!article) return createArticle(false);
      const sent = content;
      await save.mutateAsync({ id: article.id, lang, body: sent });
      settle(lang, sent);
      return t("helpCenter.editor.draftSaved");
    });
  };
  const publish = () =>
    void run(async () => {
      if (!article) return createArticle(true);
      const sent = content;
      const isChanged = dirty.includes(lang) || !article.translations[lang];
      await save.mutateAsync({ id: article.id, lang, body: isChanged ? sent : undefined, publish: true });
      settle(lang, sent);
      return t("helpCenter.editor.published");
    });
  const unpublishLanguage = () =>
    void run(async () => {
      await unpublish.mutateAsync({ id: article!.id, lang });
      return t("helpCenter.editor.unpublished");
    });
  const changeMeta = (patch: TArticlePatch) => {
    if (!article) setMeta((prev) => ({ ...prev, ...patch }));
    else update.mutate({ id: article.id, ...patch });
  };

  const translation = article?.translations[lang];
  const status = translationStatus(article, lang);
  const languageName = languages.find((l) => l.code === lang)?.name ?? lang;
  const statusText = (() => {
    const published = translation?.published;
    if (!translation) return t("helpCenter.editor.statusMissing", { language: languageName });
    if (!published) return t("helpCenter.editor.statusDraft", { language: languageName });
    const params = {
      language: languageName,
      version: published.version,
      at: formatDateTime(published.publishedAt),
    };
    return status === "changed"
      ? t("helpCenter.editor.statusChanged", params)
      : t("helpCenter.editor.statusPublished", params);
  })();

  return (
    <div className="hc-editor">
      <div className="hc-editor-head">
        <Link href="/help-center" className="hc-back">
          <span aria-hidden="true">← </span>
          {t("helpCenter.backToArticles")}
        </Link>
        <div className="hc-head">
          <h1>
            {heading}
            {article && <span className="muted hc-number"> #{article.number}</span>}
          </h1>
          {article?.visibility === "internal" && (
            <span className="badge badge-internal">{t("helpCenter.visibility.internalBadge")}</span>
          )}
          {abilities.canDelete && article && (
            <button type="button" className="danger-text hc-delete" onClick={() => setIsDeleting(true)}>
              {t("helpCenter.editor.delete")}
            </button>
          )}
        </div>
        {!canEdit && <p className="settings-notice">{t("helpCenter.editor.readOnly")}</p>}
      </div>
      <div className="hc-editor-grid">
        <section className="hc-editor-main" aria-label={t("helpCenter.editor.content")}>
          <div role="tablist" aria-label={t("helpCenter.editor.languages")} className="hc-lang-tabs">
            {helpLanguages.map((l) => (
              <button
                key={l}
                type="button"
                role="tab"
                id={`lang-tab-${l}`}
                aria-controls="lang-panel"
                aria-selected={l === lang}
                onClick={() => switchLanguage(l)}
              >
                <span lang={l}>{languages.find((x) => x.code === l)?.name}</span>
                <LanguageChip lang={l} status={translationStatus(article, l)} />
                {dirty.includes(l) && (
                  <span className="hc-unsaved-dot" title={t("helpCenter.editor.unsaved")}>
                    <span className="visually-hidden">{t("helpCenter.editor.unsaved")}</span>
                  </span>
                )}
              </button>
            ))}
          </div>
          <form
            id="lang-panel"
            role="tabpanel"
            aria-labelledby={`lang-tab-${lang}`}
            className="hc-lang-panel stack"
            onSubmit={saveDraft}
          >
            <p className="hc-lang-status" id="lang-status">
              {statusText}
            </p>
            <fieldset className="plain-fieldset stack" disabled={!canEdit}>
              <label className="field">
                <span>{t("helpCenter.editor.title")}</span>
                <input
                  lang={lang}
                  value={content.title}
                  required
                  maxLength={200}
                  onChange={(e) => edit("title", e.target.value)}
                />
              </label>
              <div className="field">
                <label htmlFor="article-description">{t("helpCenter.editor.description")}</label>
                <textarea
                  id="article-description"
                  lang={lang}
                  rows={2}
                  value={content.description}
                  maxLength={DESCRIPTION_LIMIT}
                  aria-describedby="description-hint"
                  onChange={(e) => edit("description", e.target.value)}
                />
                <small id="description-hint" className="muted hc-field-hint">
                  {t("helpCenter.editor.descriptionHint")}{" "}
                  {t("helpCenter.editor.charactersLeft", {
                    count: charactersLeft(content.description, DESCRIPTION_LIMIT),
                  })}
                </small>
              </div>
              <div className="field">
                <label htmlFor="article-keywords">{t("helpCenter.editor.keywords")}</label>
                <input
                  id="article-keywords"
                  lang={lang}
                  value={content.keywords}
                  maxLength={500}
                  aria-describedby="keywords-hint"
                  onChange={(e) => edit("keywords", e.target.value)}
                />
                <small id="keywords-hint" className="muted hc-field-hint">
                  {t("helpCenter.editor.keywordsHint")}
                </small>
              </div>
              <MarkdownField
                key={lang}
                id={`body-${lang}`}
                label={t("helpCenter.editor.body")}
                value={content.body}
                isReadOnly={!canEdit}
                onChange={(value) => edit("body", value)}
              />
            </fieldset>
            <ErrorMessage error={error} />
            {canEdit && (
              <div className="form-actions hc-actions">
                <button type="submit" disabled={isBusy || (article !== undefined && !dirty.includes(lang))}>
                  {t("helpCenter.editor.saveDraft")}
                </button>
                {abilities.canPublish && (
                  <button
                    type="button"
                    className="primary"
                    disabled={
                      isBusy || (status === "published" && !dirty.includes(lang)) || !content.title.trim()
                    }
                    aria-describedby="lang-status"
                    onClick={publish}
                  >
                    {t("helpCenter.editor.publish")}
                  </button>
                )}
                {abilities.canPublish && translation?.published && (
                  <button
                    type="button"
                    disabled={isBusy}
                    aria-describedby="lang-status"
                    onClick={unpublishLanguage}
                  >
                    {t("helpCenter.editor.unpublish")}
                  </button>
                )}
                <span role="status" className={saved ? "saved" : "muted"}>
                  {saved ?? (dirty.includes(lang) ? t("helpCenter.editor.unsaved") : "")}
                </span>
              </div>
            )}
          </form>
        </section>
        <ArticleSidePanel
          article={article}
          meta={article ? undefined : meta}
          pending={update.isPending ? update.variables : undefined}
          lang={lang}
          abilities={abilities}
          error={update.error}
          onChange={changeMeta}
        />
      </div>
      {isDeleting && article && (
        <ConfirmDialog
          title={t("helpCenter.editor.deleteTitle", { title: heading })}
          message={t("helpCenter.editor.deleteMessage")}
          confirmLabel={t("helpCenter.editor.delete")}
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() =>
            remove.mutate(article.id, {
              onSuccess: () => {
                setIsDeleting(false);
                navigate("/help-center", { replace: true });
              },
            })
          }
          onClose={() => setIsDeleting(false)}
        />
      )}
    </div>
  );
}
