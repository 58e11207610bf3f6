import { useState, type FormEvent } from "react";
import { useTags } from "../../api/queries.js";
import { useI18n } from "../../i18n/i18n.js";

/** The conversation's tags: remove with ×, add from the workspace's tags or create one by typing it. */
export function TagEditor({
  tags,
  canTag,
  onChange,
}: {
  tags: string[];
  canTag: boolean;
  onChange: (tags: string[]) => void;
}) {
  const { t } = useI18n();
  const all = useTags();
  const [text, setText] = useState("");
  const add = (event: FormEvent) => {
    event.preventDefault();
    const name = text.trim().replace(/\s+/g, " ");
    if (!name) return;
    const existing = all.data?.find((tag) => tag.name.toLowerCase() === name.toLowerCase())?.name ?? name;
    if (!tags.some((tag) => tag.toLowerCase() === existing.toLowerCase())) onChange([...tags, existing]);
    setText("");
  };
  return (
    <div className="tags-editor">
      <ul className="tag-list" aria-label={t("tags.label")}>
        {tags.map((tag) => (
          <li key={tag} className="tag">
            {tag}
            {canTag && (
              <button
                type="button"
                className="tag-remove"
                aria-label={t("tags.remove", { tag })}
                onClick={() => onChange(tags.filter((x) => x !== tag))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {canTag && (
        <form onSubmit={add} className="tag-add">
          <label className="visually-hidden" htmlFor="tag-input">
            {t("tags.add")}
          </label>
          <input
            id="tag-input"
            list="tag-options"
            value={text}
            maxLength={100}
            placeholder={t("tags.add")}
            onChange={(e) => setText(e.target.value)}
          />
          <datalist id="tag-options">
            {all.data?.map((tag) => (
              <option key={tag.id} value={tag.name} />
            ))}
          </datalist>
        </form>
      )}
    </div>
  );
}
