import { useImperativeHandle, useRef, useState, type Ref } from "react";
import { useConversation, useUpdateConversation } from "../../api/queries.js";
import type { TConversationPatch, TUser } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, useTitle } from "../../router.js";
import { useNextArticles, type TArticleSuggestion } from "../../api/article-queries.js";
import { articleLink } from "./article-link.js";
import { Composer, type ComposerHandle } from "./composer.js";
import { NextArticlesDialog } from "./next-articles-dialog.js";
import { ConversationPresence } from "./conversation-presence.js";
import { ConversationControls } from "./conversation-controls.js";
import { CustomerPanel } from "./customer-panel.js";
import { EscalateButton } from "./escalate-dialog.js";
import { FollowUpButton } from "./follow-up-dialog.js";
import { FollowUpPanel } from "./follow-up-panel.js";
import { MacroMenu } from "./macro-menu.js";
import { SlaPanel } from "./sla-panel.js";
import { SnoozeDialog } from "./snooze-menu.js";
import { Timeline } from "./timeline.js";
import { errorText } from "../../i18n/error-text.js";

/** What the inbox's keyboard shortcuts ask of the open conversation. */
export interface ConversationCommands {
  reply: () => void;
  note: () => void;
  resolve: () => void;
  assign: () => void;
}

interface Props {
  id: string;
  user: TUser;
  backHref: string;
  commandsRef: Ref<ConversationCommands | null>;
}

/** One conversation: its header with the owner, team, priority and status, tags, timeline and composer. */
export function ConversationView({ id, user, backHref, commandsRef }: Props) {
  const { t, formatDateTime } = useI18n();
  const conversation = useConversation(id);
  const update = useUpdateConversation(id);
  const composer = useRef<ComposerHandle>(null);
  const assignRef = useRef<HTMLSelectElement>(null);
  const [snoozing, setSnoozing] = useState(false);
  // On narrow screens the details panel (owner, team, priority, tags, customer) opens on demand.
  const [showDetails, setShowDetails] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = conversation.data;
  const nextArticles = useNextArticles(id, c?.tags.join("\n") ?? "");
  const [offering, setOffering] = useState<(TArticleSuggestion & { url: string })[] | null>(null);
  useTitle(c ? `#${c.number} ${c.subject ?? ""}` : "");

  const change = async (patch: TConversationPatch) => {
    setError(null);
    try {
      await update.mutateAsync(patch);
    } catch (caught) {
      setError(t("conversation.changeFailed", { reason: errorText(caught, t) }));
    }
  };

  /**
   * Resolves, first offering the articles linked to the conversation's tags for the closing reply (once
   * per conversation view: after "Add to reply" the agent sends, then resolves without being asked again).
   */
  const [offered, setOffered] = useState(false);
  const resolve = async () => {
    // Tagged just now, or still loading: ask the server rather than resolve without offering.
    const linked = !c?.tags.length
      ? []
      : nextArticles.isSuccess
        ? nextArticles.data
        : ((await nextArticles.refetch()).data ?? []);
    const offer = linked.filter((a): a is TArticleSuggestion & { url: string } => Boolean(a.url));
    if (offer.length && !offered && c?.abilities.canReply) {
      setOffered(true);
      setOffering(offer);
      return;
    }
    void change({ status: "resolved" });
  };

  useImperativeHandle(commandsRef, () => ({
    reply: () => composer.current?.focus("reply"),
    note: () => composer.current?.focus("note"),
    resolve: () => {
      if (c?.abilities.canSetStatus && c.status !== "resolved") void resolve();
    },
    assign: () => {
      setShowDetails(true);
      setTimeout(() => assignRef.current?.focus(), 0);
    },
  }));

  if (conversation.isPending) return <p className="empty-pane">{t("common.loading")}</p>;
  if (conversation.isError) {
    return (
      <div className="empty-pane" role="alert">
        <p>{errorText(conversation.error, t)}</p>
        <Link href={backHref}>{t("conversation.back")}</Link>
      </div>
    );
  }
  const conv = c!;
  const abilities = conv.abilities;

  return (
    <div className={`conversation${showDetails ? " details-open" : ""}`}>
      <div className="conversation-main">
        <header className="conversation-head">
          <Link href={backHref} className="back-link">
            ← {t("conversation.back")}
          </Link>
          <div className="head-row">
            <h2>
              <span className="muted">#{conv.number}</span> {conv.subject || t("conversation.noSubject")}
            </h2>
            <button
              type="button"
              className="details-toggle"
              aria-expanded={showDetails}
              aria-controls={`panel-${conv.id}`}
              onClick={() => setShowDetails((v) => !v)}
            >
              {t("conversation.details")}
            </button>
          </div>
          <div className="head-row">
            <p className="muted head-meta">
              {conv.customer.name ?? conv.customer.email ?? conv.customer.number} ·{" "}
              {t(`channel.${conv.channel}`)} ·{" "}
              <span className={`status status-${conv.status}`}>{t(`status.${conv.status}`)}</span>
              {conv.status === "snoozed" && conv.snoozedUntil
                ? ` ${t("conversation.snoozedUntil", { at: formatDateTime(conv.snoozedUntil) })}`
                : ""}
              {" · "}
              {conv.assignee ? conv.assignee.name : t("list.unassigned")}
            </p>
            <div className="status-actions">
              {conv.assignee?.id !== user.id && abilities.canAssign && (
                <button
                  type="button"
                  onClick={() => void change({ assigneeId: user.id })}
                  disabled={update.isPending}
                >
                  {t("conversation.assignMe")}
                </button>
              )}
              <FollowUpButton conversation={conv} />
              <MacroMenu
                conversation={conv}
                onReply={(reply) => composer.current?.addToReply(reply)}
                onError={setError}
              />
              {conv.status === "resolved" ? (
                <button
                  type="button"
                  onClick={() => void change({ status: "open" })}
                  disabled={!abilities.canSetStatus || update.isPending}
                >
                  {t("conversation.reopen")}
                </button>
              ) : (
                <>
                  {conv.status !== "pending" && (
                    <button
                      type="button"
                      onClick={() => void change({ status: "pending" })}
                      disabled={!abilities.canSetStatus || update.isPending}
                    >
                      {t("conversation.pending")}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => setSnoozing(true)}
                    disabled={!abilities.canSnooze || update.isPending}
                  >
                    {t("conversation.snooze")}
                  </button>
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void resolve()}
                    disabled={!abilities.canSetStatus || update.isPending}
                  >
                    {t("conversation.resolve")}
                  </button>
                </>
              )}
              {/* Last: the exceptional step, after the usual ones. */}
              <EscalateButton conversation={conv} user={user} />
            </div>
          </div>
          <ConversationPresence conversationId={conv.id} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </header>
        <Timeline
          conversationId={conv.id}
          messages={conv.messages}
          hasEarlier={conv.hasEarlierMessages}
          customerReadAt={conv.customerReadAt}
        />
        <Composer
          ref={composer}
          conversationId={conv.id}
          canReply={abilities.canReply}
          canAddNote={abilities.canAddNote}
          newestMessageId={conv.messages.findLast((message) => message.kind !== "activity")?.id ?? null}
        />
      </div>
      <div className="details-panel" id={`panel-${conv.id}`}>
        <ConversationControls
          conversation={conv}
          user={user}
          assignRef={assignRef}
          isPending={update.isPending}
          onChange={(patch) => void change(patch)}
        />
        <FollowUpPanel conversation={conv} />
        <SlaPanel conversationId={conv.id} />
        <CustomerPanel conversation={conv} />
      </div>
      {offering && (
        <NextArticlesDialog
          articles={offering}
          onClose={() => setOffering(null)}
          onResolve={() => {
            setOffering(null);
            void change({ status: "resolved" });
          }}
          onAdd={(chosen) => {
            setOffering(null);
            composer.current?.insertIntoReply(chosen.map((a) => `- ${articleLink(a)}`).join("\n"));
          }}
        />
      )}
      {snoozing && (
        <SnoozeDialog
          onClose={() => setSnoozing(false)}
          onSnooze={(until) => {
            setSnoozing(false);
            void change({ status: "snoozed", snoozedUntil: until.toISOString() });
          }}
        />
      )}
    </div>
  );
}
