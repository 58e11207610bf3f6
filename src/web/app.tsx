/**
 * The app's frame: who is signed in decides between the sign-in page and the agent app; the setup and
 * invitation pages answer without a session. Everything below is split into scenes.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useRef } from "react";
import { api, ApiError, setUnauthorizedHandler } from "./api/client.js";
import { keys } from "./api/queries.js";
import type { TUser } from "./api/types.js";
import { ConnectionBanner } from "./components/connection-banner.js";
import { useI18n } from "./i18n/i18n.js";
import { match, navigate, useLocation } from "./router.js";
import { AcceptInvitationScene } from "./scenes/auth/accept-invitation-scene.js";
import { LoginScene } from "./scenes/auth/login-scene.js";
import { SetupScene } from "./scenes/auth/setup-scene.js";
import { InboxScene } from "./scenes/inbox/inbox-scene.js";
import { errorText } from "./i18n/error-text.js";
import { RealtimeProvider } from "./realtime/realtime-provider.js";

// Settings are for owners and admins, and not needed at first load: their code loads when opened.
const SettingsScene = lazy(() => import("./scenes/settings/settings-scene.js"));
// The help center's editor is opened now and then, not on every visit: loaded when opened too.
const HelpCenterScene = lazy(() => import("./scenes/help-center/help-center-scene.js"));

/** The signed-in user, or null when nobody is. */
function useSession() {
  return useQuery({
    queryKey: keys.session,
    queryFn: async () => {
      try {
        return (await api.get<{ user: TUser }>("/session")).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function App() {
  const { path } = useLocation();
  const client = useQueryClient();
  const session = useSession();
  const { t, language, setLanguage } = useI18n();

  useEffect(() => {
    // A 401 anywhere means the session is gone: forget what was loaded and show the sign-in page.
    setUnauthorizedHandler(() => {
      client.clear();
      client.setQueryData(keys.session, null);
    });
  }, [client]);

  // The user's saved language wins over the device's once they are known: once per signed-in user, not
  // after every switch they make.
  const appliedFor = useRef<string | null>(null);
  const sessionUser = session.data;
  useEffect(() => {
    if (!sessionUser || appliedFor.current === sessionUser.id) return;
    appliedFor.current = sessionUser.id;
    if (sessionUser.language !== language) void setLanguage(sessionUser.language);
  }, [sessionUser, language, setLanguage]);

  if (path === "/setup") return <SetupScene />;
  if (path === "/invite") return <AcceptInvitationScene />;
  if (session.isPending) return <p className="loading">{t("common.loading")}</p>;
  if (session.isError) {
    return (
      <main className="center-page">
        <ConnectionBanner />
        <p role="alert">{errorText(session.error, t)}</p>
        <button type="button" onClick={() => void session.refetch()}>
          {t("common.retry")}
        </button>
      </main>
    );
  }
  const user = session.data;
  if (!user) return <LoginScene />;

  if (path === "/" || path === "/login") {
    navigate("/inbox/mine", { replace: true });
    return null;
  }
  // One live connection for the signed-in user, kept while they move between the inbox and settings.
  return <RealtimeProvider key={user.id}>{signedInPage(path, user, t)}</RealtimeProvider>;
}

function signedInPage(path: string, user: TUser, t: (key: string) => string) {
  if (path.startsWith("/settings")) {
    const section = match("/settings/:section", path)?.section ?? "workspace";
    return (
      <Suspense fallback={<p className="loading">{t("common.loading")}</p>}>
        <SettingsScene user={user} section={section} />
      </Suspense>
    );
  }
  if (path === "/help-center" || path.startsWith("/help-center/")) {
    return (
      <Suspense fallback={<p className="loading">{t("common.loading")}</p>}>
        <HelpCenterScene user={user} path={path} />
      </Suspense>
    );
  }
  const inbox = match("/inbox/:folder/:conversationId", path) ?? match("/inbox/:folder", path);
  if (inbox) return <InboxScene user={user} folder={inbox.folder!} conversationId={inbox.conversationId} />;
  return (
    <main className="center-page">
      <h1>{t("notFound.title")}</h1>
      <a href="/inbox/mine">{t("notFound.back")}</a>
    </main>
  );
}
