import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/client.js";
import {
  useCreateCategory,
  useCreateSection,
  useDeleteCategory,
  useDeleteSection,
  useHelpCategories,
  useHelpCenter,
  useReorder,
  useUpdateCategory,
  useUpdateSection,
} from "../../api/help-center-queries.js";
import type { Language, THelpCategory, THelpSection, TTranslations } from "../../api/help-center-types.js";
import { Dialog } from "../../components/dialog.js";
import { languages, useI18n } from "../../i18n/i18n.js";
import { useTitle } from "../../router.js";
import {
  ConfirmDialog,
  DialogActions,
  dialogAutofocus,
  ErrorMessage,
  QueryState,
} from "../settings/settings-ui.js";
import { helpLanguages, localName } from "./article-status.js";
import { moveChanges } from "./positions.js";

type Names = Record<Language, { name: string; description: string }>;
type Editing =
  | { kind: "category"; category: THelpCategory | null }
  | { kind: "section"; categoryId: string; section: THelpSection | null };
type Deleting = { kind: "category"; item: THelpCategory } | { kind: "section"; item: THelpSection };

/**
 * Categories and their sections, in the order the help center shows them, named in each language.
 * Owners and admins add, rename, reorder (↑ ↓) and delete them; a category or section that still holds
 * articles cannot be deleted, and says so.
 */
export function CategoriesPage() {
  const { t, language } = useI18n();
  const settings = useHelpCenter();
  const categories = useHelpCategories();
  const reorder = useReorder();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const canManage = settings.data?.abilities.canManage ?? false;
  useTitle(t("helpCenter.categories.title"));
  const list = categories.data ?? [];

  return (
    <>
      <div className="hc-head">
        <h1>{t("helpCenter.categories.title")}</h1>
        {canManage && (
          <button
            type="button"
            className="primary"
            onClick={() => setEditing({ kind: "category", category: null })}
          >
            {t("helpCenter.categories.newCategory")}
          </button>
        )}
      </div>
      <p className="muted">{t("helpCenter.categories.intro")}</p>
      {!canManage && settings.data && (
        <p className="settings-notice">{t("helpCenter.categories.readOnly")}</p>
      )}
      <ErrorMessage error={reorder.error} />
      <QueryState query={categories}>
        {list.length === 0 ? (
          <p className="muted">{t("helpCenter.categories.empty")}</p>
        ) : (
          <ol className="hc-categories">
            {list.map((category, index) => {
              const name = localName(category.translations, language) || t("helpCenter.untitled");
              return (
                <li key={category.id} className="hc-category">
                  <div className="hc-category-head">
                    <h2>{name}</h2>
                    <span className="muted">
                      {t("helpCenter.categories.articleCount", { count: category.articleCount })}
                    </span>
                    <TranslatedNames translations={category.translations} />
                    {canManage && (
                      <span className="cell-actions hc-row-actions">
                        <MoveButtons
                          name={name}
                          isFirst={index === 0}
                          isLast={index === list.length - 1}
                          isPending={reorder.isPending}
                          onMove={(by) =>
                            reorder.mutate(
                              moveChanges(list, index, by).map((c) => ({
                                ...c,
                                kind: "categories" as const,
                              })),
                            )
                          }
                        />
                        <button
                          type="button"
                          aria-label={t("settings.actionFor", { action: t("settings.rename"), name })}
                          onClick={() => setEditing({ kind: "category", category })}
                        >
                          {t("settings.rename")}
                        </button>
                        <button
                          type="button"
                          aria-label={t("settings.actionFor", { action: t("settings.delete"), name })}
                          onClick={() => setDeleting({ kind: "category", item: category })}
                        >
                          {t("settings.delete")}
                        </button>
                      </span>
                    )}
                  </div>
                  {category.sections.length === 0 ? (
                    <p className="muted hc-no-sections">{t("helpCenter.categories.noSections")}</p>
                  ) : (
                    <ol className="hc-sections" aria-label={t("helpCenter.categories.sectionsOf", { name })}>
                      {category.sections.map((section, sectionIndex) => {
                        const sectionName =
                          localName(section.translations, language) || t("helpCenter.untitled");
                        return (
                          <li key={section.id} className="hc-section-row">
                            <span className="hc-section-name">{sectionName}</span>
                            <span className="muted">
                              {t("helpCenter.categories.articleCount", { count: section.articleCount })}
                            </span>
                            <TranslatedNames translations={section.translations} />
                            {canManage && (
                              <span className="cell-actions hc-row-actions">
                                <MoveButtons
                                  name={sectionName}
                                  isFirst={sectionIndex === 0}
                                  isLast={sectionIndex === category.sections.length - 1}
                                  isPending={reorder.isPending}
                                  onMove={(by) =>
                                    reorder.mutate(
                                      moveChanges(category.sections, sectionIndex, by).map((c) => ({
                                        ...c,
                                        kind: "sections" as const,
                                      })),
                                    )
                                  }
                                />
                                <button
                                  type="button"
                                  aria-label={t("settings.actionFor", {
                                    action: t("settings.rename"),
                                    name: sectionName,
                                  })}
                                  onClick={() =>
                                    setEditing({ kind: "section", categoryId: category.id, section })
                                  }
                                >
                                  {t("settings.rename")}
                                </button>
                                <button
                                  type="button"
                                  aria-label={t("settings.actionFor", {
                                    action: t("settings.delete"),
                                    name: sectionName,
                                  })}
                                  onClick={() => setDeleting({ kind: "section", item: section })}
                                >
                                  {t("settings.delete")}
                                </button>
                              </span>
                            )}
                          </li>
                        );
                      })}
                    </ol>
                  )}
                  {canManage && (
                    <p>
                      <button
                        type="button"
                        onClick={() =>
                          setEditing({ kind: "section", categoryId: category.id, section: null })
                        }
                      >
                        {t("helpCenter.categories.addSection", { name })}
                      </button>
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </QueryState>
      {editing && <NamesDialog editing={editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteDialog deleting={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}

/** Which languages a name exists in ("EN RU HR"), the missing ones struck through for a screen reader too. */
function TranslatedNames({ translations }: { translations: TTranslations<{ name: string }> }) {
  const { t } = useI18n();
  return (
    <span className="hc-name-langs">
      {helpLanguages.map((lang) => {
        const has = Boolean(translations[lang]?.name);
        return (
          <span
            key={lang}
            className={has ? "hc-name-lang" : "hc-name-lang hc-name-missing"}
            title={has ? translations[lang]!.name : t("helpCenter.categories.nameMissing")}
          >
            {lang.toUpperCase()}
            {!has && <span className="visually-hidden"> {t("helpCenter.categories.nameMissing")}</span>}
          </span>
        );
      })}
    </span>
  );
}

function MoveButtons({
  name,
  isFirst,
  isLast,
  isPending,
  onMove,
}: {
  name: string;
  isFirst: boolean;
  isLast: boolean;
  isPending: boolean;
  onMove: (by: -1 | 1) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <button
        type="button"
        disabled={isFirst || isPending}
        aria-label={t("helpCenter.categories.moveUp", { name })}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        disabled={isLast || isPending}
        aria-label={t("helpCenter.categories.moveDown", { name })}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
    </>
  );
}

/** A category's or section's name (and a category's description) in each of the four languages. */
function NamesDialog({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { t } = useI18n();
  const createCategory = useCreateCategory();
  const updateCategory = useUpdateCategory();
  const createSection = useCreateSection();
  const updateSection = useUpdateSection();
  const isCategory = editing.kind === "category";
  const existing = editing.kind === "category" ? editing.category : editing.section;
  const [names, setNames] = useState<Names>(
    () =>
      Object.fromEntries(
        helpLanguages.map((lang) => {
          const translation = existing?.translations[lang] as
            { name: string; description?: string } | undefined;
          return [lang, { name: translation?.name ?? "", description: translation?.description ?? "" }];
        }),
      ) as Names,
  );
  const [missing, setMissing] = useState(false);
  const mutation =
    editing.kind === "category"
      ? editing.category
        ? updateCategory
        : createCategory
      : editing.section
        ? updateSection
        : createSection;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const filled = helpLanguages.filter((lang) => names[lang].name.trim());
    if (!filled.length) {
      setMissing(true);
      return;
    }
    const translations = Object.fromEntries(
      filled.map((lang) => [
        lang,
        isCategory
          ? { name: names[lang].name.trim(), description: names[lang].description.trim() }
          : { name: names[lang].name.trim() },
      ]),
    );
    const done = { onSuccess: onClose };
    if (editing.kind === "category") {
      if (editing.category) updateCategory.mutate({ id: editing.category.id, translations }, done);
      else createCategory.mutate({ translations }, done);
    } else if (editing.section) {
      updateSection.mutate({ id: editing.section.id, translations }, done);
    } else {
      createSection.mutate({ categoryId: editing.categoryId, translations }, done);
    }
  };

  const title = isCategory
    ? existing
      ? t("helpCenter.categories.renameCategory")
      : t("helpCenter.categories.newCategory")
    : existing
      ? t("helpCenter.categories.renameSection")
      : t("helpCenter.categories.newSection");

  return (
    <Dialog title={title} onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <p className="muted hint">{t("helpCenter.categories.namesHint")}</p>
        {languages.map(({ code, name }, index) => (
          <fieldset key={code} className={`stack hc-names${isCategory ? " hc-names-pair" : ""}`}>
            <legend lang={code}>{name}</legend>
            <label className="field">
              <span>{t("helpCenter.categories.name")}</span>
              <input
                ref={index === 0 ? dialogAutofocus : undefined}
                lang={code}
                value={names[code].name}
                maxLength={200}
                onChange={(e) => {
                  setMissing(false);
                  setNames({ ...names, [code]: { ...names[code], name: e.target.value } });
                }}
              />
            </label>
            {isCategory && (
              <label className="field">
                <span>{t("helpCenter.categories.description")}</span>
                <input
                  lang={code}
                  value={names[code].description}
                  maxLength={500}
                  onChange={(e) =>
                    setNames({ ...names, [code]: { ...names[code], description: e.target.value } })
                  }
                />
              </label>
            )}
          </fieldset>
        ))}
        {missing && (
          <p role="alert" className="error">
            {t("helpCenter.categories.nameRequired")}
          </p>
        )}
        <ErrorMessage error={mutation.error} />
        <DialogActions isPending={mutation.isPending} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function DeleteDialog({ deleting, onClose }: { deleting: Deleting; onClose: () => void }) {
  const { t, language } = useI18n();
  const deleteCategory = useDeleteCategory();
  const deleteSection = useDeleteSection();
  const mutation = deleting.kind === "category" ? deleteCategory : deleteSection;
  const name = localName(deleting.item.translations, language);
  // Still holding articles: said plainly, with what to do, rather than the server's short message.
  const error =
    mutation.error instanceof ApiError && mutation.error.code === "not_empty"
      ? new Error(
          deleting.kind === "category"
            ? t("helpCenter.categories.categoryNotEmpty")
            : t("helpCenter.categories.sectionNotEmpty"),
        )
      : mutation.error;
  return (
    <ConfirmDialog
      title={
        deleting.kind === "category"
          ? t("helpCenter.categories.deleteCategoryTitle", { name })
          : t("helpCenter.categories.deleteSectionTitle", { name })
      }
      message={
        deleting.kind === "category"
          ? t("helpCenter.categories.deleteCategoryMessage")
          : t("helpCenter.categories.deleteSectionMessage")
      }
      confirmLabel={t("settings.delete")}
      isPending={mutation.isPending}
      error={error}
      onConfirm={() => mutation.mutate(deleting.item.id, { onSuccess: onClose })}
      onClose={onClose}
    />
  );
}
