import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { uploadHelpImage, useHelpCenter, useUpdateHelpCenter } from "../../api/help-center-queries.js";
import type { THelpCenter } from "../../api/help-center-types.js";
import { useInboxes } from "../../api/queries.js";
import { useI18n } from "../../i18n/i18n.js";
import { errorText } from "../../i18n/error-text.js";
import { Link } from "../../router.js";
import { ErrorMessage, QueryState } from "./settings-ui.js";
import "../help-center/help-center.css";

/**
 * The public help center's settings: its title, its own host name, colour and logo, the chat it offers,
 * and where it is. The articles themselves are written under Help center, not here.
 */
export function HelpCenterSection() {
  const { t } = useI18n();
  const settings = useHelpCenter();
  return (
    <>
      <h1>{t("settings.nav.help-center")}</h1>
      <p className="muted">
        {t("helpCenter.settings.intro")}{" "}
        <Link href="/help-center">{t("helpCenter.settings.toArticles")}</Link>
      </p>
      <QueryState query={settings}>{settings.data && <HelpCenterForm settings={settings.data} />}</QueryState>
    </>
  );
}

// Like the workspace form, it starts from the loaded settings and then keeps what is typed.
function HelpCenterForm({ settings }: { settings: THelpCenter }) {
  const { t } = useI18n();
  const update = useUpdateHelpCenter();
  const inboxes = useInboxes();
  const chatInboxes = (inboxes.data ?? []).filter((inbox) => inbox.channel === "chat");
  const [title, setTitle] = useState(settings.title ?? "");
  const [host, setHost] = useState(settings.host ?? "");
  const [primaryColor, setPrimaryColor] = useState(settings.primaryColor);
  const [chatInboxId, setChatInboxId] = useState(settings.chatInboxId ?? "");
  const [isSaved, setIsSaved] = useState(false);
  const canManage = settings.abilities.canManage;

  const edited = () => setIsSaved(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        title: title.trim() || null,
        host: host.trim().toLowerCase() || null,
        primaryColor: primaryColor.toLowerCase(),
        chatInboxId: chatInboxId || null,
      },
      {
        // The server's normalized values (a host in lower case) replace what was typed.
        onSuccess: (saved) => {
          setTitle(saved.title ?? "");
          setHost(saved.host ?? "");
          setPrimaryColor(saved.primaryColor);
          setChatInboxId(saved.chatInboxId ?? "");
          setIsSaved(true);
        },
      },
    );
  };

  return (
    <>
      <form className="stack settings-form" onSubmit={submit}>
        {!canManage && <p className="settings-notice">{t("settings.workspace.readOnly")}</p>}
        <fieldset className="plain-fieldset stack" disabled={!canManage}>
          <label className="field">
            <span>{t("helpCenter.settings.title")}</span>
            <input
              value={title}
              maxLength={200}
              placeholder={settings.defaultTitle}
              aria-describedby="hc-title-hint"
              onChange={(e) => {
                setTitle(e.target.value);
                edited();
              }}
            />
            <small id="hc-title-hint" className="muted">
              {t("helpCenter.settings.titleHint")}
            </small>
          </label>
          <label className="field">
            <span>{t("helpCenter.settings.host")}</span>
            <input
              value={host}
              maxLength={260}
              placeholder="help.example.com"
              spellCheck={false}
              autoCapitalize="none"
              aria-describedby="hc-host-hint"
              onChange={(e) => {
                setHost(e.target.value);
                edited();
              }}
            />
            <small id="hc-host-hint" className="muted">
              {t("helpCenter.settings.hostHint")}
            </small>
          </label>
          <div className="field">
            <label htmlFor="hc-color">
              <span className="hc-label">{t("helpCenter.settings.color")}</span>
            </label>
            <div className="hc-color-row">
              <input
                id="hc-color"
                type="color"
                className="hc-color"
                value={primaryColor}
                onChange={(e) => {
                  setPrimaryColor(e.target.value);
                  edited();
                }}
              />
              <code>{primaryColor}</code>
            </div>
          </div>
          <label className="field">
            <span>{t("helpCenter.settings.chat")}</span>
            <select
              value={chatInboxId}
              aria-describedby="hc-chat-hint"
              onChange={(e) => {
                setChatInboxId(e.target.value);
                edited();
              }}
            >
              <option value="">{t("helpCenter.settings.noChat")}</option>
              {chatInboxes.map((inbox) => (
                <option key={inbox.id} value={inbox.id}>
                  {inbox.name}
                </option>
              ))}
            </select>
            <small id="hc-chat-hint" className="muted">
              {chatInboxes.length || inboxes.isPending
                ? t("helpCenter.settings.chatHint")
                : t("helpCenter.settings.noChatInboxes")}
            </small>
          </label>
          <ErrorMessage error={update.error} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={update.isPending}>
              {t("common.save")}
            </button>
            <span role="status" className="saved">
              {isSaved ? t("settings.saved") : ""}
            </span>
          </div>
        </fieldset>
      </form>
      <LogoForm settings={settings} />
      <section className="settings-subsection" aria-labelledby="hc-address">
        <h2 id="hc-address">{t("helpCenter.settings.address")}</h2>
        <p>
          <a href={settings.publicUrl} target="_blank" rel="noopener noreferrer">
            {settings.publicUrl}
          </a>
        </p>
        <p className="muted hint">{t("helpCenter.settings.addressHint")}</p>
      </section>
    </>
  );
}

/** The logo: uploaded as a help-center image, then set; saved at once, apart from the form above. */
function LogoForm({ settings }: { settings: THelpCenter }) {
  const { t } = useI18n();
  const update = useUpdateHelpCenter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<{ isPending: boolean; error: string | null }>({
    isPending: false,
    error: null,
  });
  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setUpload({ isPending: true, error: null });
    try {
      const image = await uploadHelpImage(file);
      await update.mutateAsync({ logoImageId: image.id });
      setUpload({ isPending: false, error: null });
    } catch (error) {
      setUpload({ isPending: false, error: errorText(error, t) });
    }
  };
  const isBusy = upload.isPending || update.isPending;
  return (
    <section className="settings-subsection stack" aria-labelledby="hc-logo">
      <h2 id="hc-logo">{t("helpCenter.settings.logo")}</h2>
      <div className="hc-logo-row">
        {settings.logoUrl ? (
          <img className="hc-logo" src={settings.logoUrl} alt={t("helpCenter.settings.currentLogo")} />
        ) : (
          <p className="muted">{t("helpCenter.settings.noLogo")}</p>
        )}
        {settings.abilities.canManage && (
          <div className="form-actions">
            <button type="button" disabled={isBusy} onClick={() => fileInput.current?.click()}>
              {upload.isPending
                ? t("helpCenter.editor.uploading")
                : settings.logoUrl
                  ? t("helpCenter.settings.replaceLogo")
                  : t("helpCenter.settings.uploadLogo")}
            </button>
            {settings.logoImageId && (
              <button type="button" disabled={isBusy} onClick={() => update.mutate({ logoImageId: null })}>
                {t("helpCenter.settings.removeLogo")}
              </button>
            )}
            <input
              ref={fileInput}
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              hidden
              aria-label={t("helpCenter.settings.uploadLogo")}
              onChange={(e) => void choose(e)}
            />
          </div>
        )}
      </div>
      <p className="muted hint">{t("helpCenter.settings.logoHint")}</p>
      {upload.error && (
        <p role="alert" className="error">
          {upload.error}
        </p>
      )}
      {!upload.error && <ErrorMessage error={update.error} />}
    </section>
  );
}
