import type { ReactNode } from "react";
import { useHelpCenter } from "../../api/help-center-queries.js";
import type { TUser } from "../../api/types.js";
import { ConnectionBanner } from "../../components/connection-banner.js";
import { useI18n } from "../../i18n/i18n.js";
import { Link, match } from "../../router.js";
import { TopBar } from "../inbox/top-bar.js";
import { AnalyticsPage } from "./analytics-page.js";
import { ArticleEditor } from "./article-editor.js";
import { ArticlesList } from "./articles-list.js";
import { CategoriesPage } from "./categories-page.js";
import { PagesPage } from "./pages-page.js";
import "../settings/settings.css";
import "./help-center.css";

type Tab = "articles" | "categories" | "pages" | "analytics";
const tabs: { tab: Tab; href: string }[] = [
  { tab: "articles", href: "/help-center" },
  { tab: "categories", href: "/help-center/categories" },
  { tab: "pages", href: "/help-center/pages" },
  { tab: "analytics", href: "/help-center/analytics" },
];

/** Which screen a /help-center path shows; null for a path that is none. */
function route(path: string): { tab: Tab; articleId?: string } | null {
  const clean = path.replace(/\/+$/, "") || "/";
  if (clean === "/help-center") return { tab: "articles" };
  const article = match("/help-center/articles/:id", clean);
  if (article) return { tab: "articles", articleId: article.id };
  const page = match("/help-center/:tab", clean)?.tab;
  return tabs.some((t) => t.tab === page && page !== "articles") ? { tab: page as Tab } : null;
}

/**
 * Where the team writes the public help center (/help-center/...), for every member: the articles and
 * their editor, categories and sections, the contact and complaint pages, and what readers search for.
 * What each person may change comes with the data (`abilities`); the rest is shown read-only.
 */
export default function HelpCenterScene({ user, path }: { user: TUser; path: string }) {
  const { t } = useI18n();
  const settings = useHelpCenter();
  const current = route(path);
  const isManager = user.role === "owner" || user.role === "admin";

  let content: ReactNode;
  if (!current) {
    content = (
      <>
        <h1>{t("helpCenter.notFound")}</h1>
        <p>
          <Link href="/help-center">{t("helpCenter.backToArticles")}</Link>
        </p>
      </>
    );
  } else if (current.articleId) {
    content = <ArticleEditor key={current.articleId} id={current.articleId} user={user} />;
  } else if (current.tab === "articles") {
    content = <ArticlesList />;
  } else if (current.tab === "categories") {
    content = <CategoriesPage />;
  } else if (current.tab === "pages") {
    content = <PagesPage />;
  } else {
    content = <AnalyticsPage />;
  }

  return (
    <div className="help-center">
      <a className="skip-link" href="#help-center-main">
        {t("helpCenter.skipToContent")}
      </a>
      <ConnectionBanner />
      <TopBar user={user} />
      <nav className="hc-nav" aria-label={t("helpCenter.navLabel")}>
        <ul>
          {tabs.map(({ tab, href }) => (
            <li key={tab}>
              <Link href={href} aria-current={current?.tab === tab ? "page" : undefined}>
                {t(`helpCenter.nav.${tab}`)}
              </Link>
            </li>
          ))}
          {isManager && (
            <li>
              <Link href="/settings/help-center">{t("helpCenter.nav.settings")}</Link>
            </li>
          )}
        </ul>
        {settings.data && (
          <a
            className="hc-public-link"
            href={settings.data.publicUrl}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t("helpCenter.openPublic")}
            <span aria-hidden="true"> ↗</span>
          </a>
        )}
      </nav>
      <main id="help-center-main" className="hc-main" tabIndex={-1}>
        {content}
      </main>
    </div>
  );
}
