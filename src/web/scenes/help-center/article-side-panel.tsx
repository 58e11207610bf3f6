import { useId } from "react";
import { useArticleFeedback, useArticleVersions, useHelpCategories } from "../../api/help-center-queries.js";
import type {
  Language,
  TArticleAbilities,
  TArticlePatch,
  TArticleVisibility,
  THelpArticle,
} from "../../api/help-center-types.js";
import { useTags, useUsers } from "../../api/queries.js";
import { useI18n } from "../../i18n/i18n.js";
import { ErrorMessage } from "../settings/settings-ui.js";
import { localName } from "./article-status.js";

/** The fields a patch sets (an absent key changes nothing; null does). */
const definedOnly = (patch: TArticlePatch | undefined): Partial<TArticleMeta> =>
  Object.fromEntries(
    Object.entries(patch ?? {}).filter(
      ([key, value]) => value !== undefined && key !== "id" && key !== "position",
    ),
  );

/** What a new article is created with (an existing one's come from the article itself). */
export interface TArticleMeta {
  sectionId: string | null;
  visibility: TArticleVisibility;
  ownerId: string | null;
  reviewBy: string | null;
  tagIds: string[];
}

/**
 * The article's settings beside the text: where it lives, who may read it, who owns it and when they
 * should look at it again, the tags that offer it when a conversation is resolved; then, for the
 * language on screen, its public address and published versions; and what readers said.
 */
export function ArticleSidePanel({
  article,
  meta,
  pending,
  lang,
  abilities,
  error,
  onChange,
}: {
  article: THelpArticle | undefined;
  meta: TArticleMeta | undefined;
  /** A change being saved: shown at once rather than after the server's answer. */
  pending?: TArticlePatch;
  lang: Language;
  abilities: TArticleAbilities;
  error: unknown;
  onChange: (patch: TArticlePatch) => void;
}) {
  const { t, language } = useI18n();
  const categories = useHelpCategories();
  const users = useUsers();
  const tags = useTags();
  const ids = useId();
  const saved: TArticleMeta = article
    ? {
        sectionId: article.sectionId,
        visibility: article.visibility,
        ownerId: article.ownerId,
        reviewBy: article.reviewBy,
        tagIds: article.tagIds,
      }
    : meta!;
  const value: TArticleMeta = { ...saved, ...definedOnly(pending) };
  const canEdit = abilities.canEdit;
  const owners = (users.data ?? []).filter((u) => u.isActive || u.id === value.ownerId);
  const linked = value.tagIds.map((id) => tags.data?.find((tag) => tag.id === id) ?? { id, name: "…" });
  const unlinked = (tags.data ?? []).filter((tag) => !value.tagIds.includes(tag.id));
  const url = article?.translations[lang]?.url;

  return (
    <aside className="hc-side" aria-label={t("helpCenter.side.label")}>
      <section className="details-section" aria-labelledby={`${ids}-settings`}>
        <h2 id={`${ids}-settings`}>{t("helpCenter.side.settings")}</h2>
        <label className="control">
          {t("helpCenter.side.section")}
          <select
            value={value.sectionId ?? ""}
            disabled={!canEdit}
            onChange={(e) => onChange({ sectionId: e.target.value || null })}
          >
            <option value="">{t("helpCenter.noSection")}</option>
            {(categories.data ?? []).map((category) => (
              <optgroup key={category.id} label={localName(category.translations, language)}>
                {category.sections.map((section) => (
                  <option key={section.id} value={section.id}>
                    {localName(category.translations, language)} › {localName(section.translations, language)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <fieldset className="hc-radios" disabled={!canEdit || !abilities.canChangeVisibility}>
          <legend>{t("helpCenter.side.visibility")}</legend>
          {(["public", "internal"] as const).map((visibility) => (
            <label key={visibility} className="check-field">
              <input
                type="radio"
                name={`${ids}-visibility`}
                value={visibility}
                checked={value.visibility === visibility}
                aria-describedby={`${ids}-visibility-${visibility}`}
                onChange={() => onChange({ visibility })}
              />
              <span>
                {t(`helpCenter.visibility.${visibility}`)}
                <small id={`${ids}-visibility-${visibility}`} className="muted hc-option-hint">
                  {t(`helpCenter.visibility.${visibility}Hint`)}
                </small>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="control">
          {t("helpCenter.side.owner")}
          <select
            value={value.ownerId ?? ""}
            disabled={!canEdit || !abilities.canChangeOwner}
            onChange={(e) => onChange({ ownerId: e.target.value || null })}
          >
            <option value="">{t("helpCenter.noOwner")}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          {t("helpCenter.side.reviewBy")}
          <input
            type="date"
            value={value.reviewBy ?? ""}
            disabled={!canEdit}
            aria-describedby={`${ids}-review-hint`}
            onChange={(e) => onChange({ reviewBy: e.target.value || null })}
          />
          <small id={`${ids}-review-hint`} className="muted">
            {article?.isReviewDue ? (
              <strong className="error">{t("helpCenter.side.reviewDueNow")}</strong>
            ) : (
              t("helpCenter.side.reviewByHint")
            )}
          </small>
        </label>
        <ErrorMessage error={error} />
      </section>

      <section className="details-section" aria-labelledby={`${ids}-tags`}>
        <h2 id={`${ids}-tags`}>{t("helpCenter.side.tags")}</h2>
        <p className="muted hc-side-hint">{t("helpCenter.side.tagsHint")}</p>
        {linked.length > 0 ? (
          <ul className="tag-list" aria-label={t("helpCenter.side.tags")}>
            {linked.map((tag) => (
              <li key={tag.id} className="tag">
                {tag.name}
                {canEdit && (
                  <button
                    type="button"
                    className="tag-remove"
                    aria-label={t("helpCenter.side.unlinkTag", { tag: tag.name })}
                    onClick={() => onChange({ tagIds: value.tagIds.filter((id) => id !== tag.id) })}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted hc-side-hint">{t("helpCenter.side.noTags")}</p>
        )}
        {canEdit && unlinked.length > 0 && (
          <label className="control">
            <span className="visually-hidden">{t("helpCenter.side.linkTag")}</span>
            <select
              value=""
              onChange={(e) => e.target.value && onChange({ tagIds: [...value.tagIds, e.target.value] })}
            >
              <option value="">{t("helpCenter.side.linkTag")}</option>
              {unlinked.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </section>

      {article && (
        <>
          <section className="details-section" aria-labelledby={`${ids}-public`}>
            <h2 id={`${ids}-public`}>{t("helpCenter.side.publicLink")}</h2>
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer" className="hc-url">
                {url}
              </a>
            ) : (
              <p className="muted hc-side-hint">
                {article.visibility === "internal"
                  ? t("helpCenter.side.noPublicLinkInternal")
                  : t("helpCenter.side.noPublicLink")}
              </p>
            )}
          </section>
          <VersionHistory article={article} lang={lang} />
          <Helpfulness article={article} />
        </>
      )}
    </aside>
  );
}

/** The language's published versions, newest first. */
function VersionHistory({ article, lang }: { article: THelpArticle; lang: Language }) {
  const { t, formatDateTime } = useI18n();
  const ids = useId();
  const versions = useArticleVersions(article.id, lang, Boolean(article.translations[lang]));
  const list = versions.data ?? [];
  return (
    <section className="details-section" aria-labelledby={`${ids}-history`}>
      <h2 id={`${ids}-history`}>{t("helpCenter.side.history", { language: lang.toUpperCase() })}</h2>
      {versions.error ? (
        <ErrorMessage error={versions.error} />
      ) : list.length === 0 ? (
        <p className="muted hc-side-hint">{t("helpCenter.side.noVersions")}</p>
      ) : (
        <ol className="hc-versions" aria-labelledby={`${ids}-history`}>
          {list.map((version) => (
            <li key={version.version}>
              <span className="hc-version-number">v{version.version}</span>
              <span className="hc-version-title">{version.title}</span>
              <span className="muted">
                {version.publishedBy
                  ? t("helpCenter.side.publishedBy", {
                      at: formatDateTime(version.publishedAt),
                      name: version.publishedBy.name,
                    })
                  : formatDateTime(version.publishedAt)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Yes and no counts, and what readers wrote with their answer. */
function Helpfulness({ article }: { article: THelpArticle }) {
  const { t, formatDateTime } = useI18n();
  const ids = useId();
  const feedback = useArticleFeedback(article.id);
  const comments = (feedback.data?.pages.flatMap((page) => page.data) ?? []).filter((f) => f.comment?.trim());
  const { yes, no } = article.helpful;
  return (
    <section className="details-section" aria-labelledby={`${ids}-helpful`}>
      <h2 id={`${ids}-helpful`}>{t("helpCenter.side.helpful")}</h2>
      <p className="hc-helpful-summary">
        <span className="hc-yes">{t("helpCenter.helpful.yesCount", { count: yes })}</span>
        <span className="hc-no">{t("helpCenter.helpful.noCount", { count: no })}</span>
      </p>
      {feedback.error ? (
        <ErrorMessage error={feedback.error} />
      ) : comments.length === 0 ? (
        <p className="muted hc-side-hint">
          {feedback.isPending ? t("common.loading") : t("helpCenter.side.noComments")}
        </p>
      ) : (
        <ul className="hc-comments" aria-label={t("helpCenter.side.comments")}>
          {comments.map((item) => (
            <li key={item.id}>
              <p className="hc-comment-meta">
                <span className={item.isHelpful ? "hc-yes" : "hc-no"}>
                  {item.isHelpful ? t("helpCenter.helpful.yes") : t("helpCenter.helpful.no")}
                </span>
                <span className="muted">
                  {item.lang.toUpperCase()} · {formatDateTime(item.createdAt)}
                </span>
              </p>
              <p className="hc-comment" lang={item.lang}>
                {item.comment}
              </p>
            </li>
          ))}
        </ul>
      )}
      {feedback.hasNextPage && (
        <button
          type="button"
          disabled={feedback.isFetchingNextPage}
          onClick={() => void feedback.fetchNextPage()}
        >
          {t("helpCenter.loadMore")}
        </button>
      )}
    </section>
  );
}
