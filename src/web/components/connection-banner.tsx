import { useEffect, useState } from "react";
import { isOnline, onConnectionChange } from "../api/client.js";
import { useI18n } from "../i18n/i18n.js";
import { useRealtimeDown } from "../realtime/realtime-provider.js";

/**
 * A banner while the server cannot be reached (the network is down, the server stopped or its database
 * is unavailable), or while the live connection is down. It goes away by itself at the next answer; the
 * live connection keeps reconnecting.
 */
export function ConnectionBanner() {
  const { t } = useI18n();
  const [online, setOnline] = useState(isOnline() && navigator.onLine);
  const socketDown = useRealtimeDown();
  useEffect(() => {
    const unsubscribe = onConnectionChange(setOnline);
    const down = () => setOnline(false);
    window.addEventListener("offline", down);
    return () => {
      unsubscribe();
      window.removeEventListener("offline", down);
    };
  }, []);
  if (online && !socketDown) return null;
  return (
    <div className="banner banner-offline" role="alert">
      {t("connection.lost")}
    </div>
  );
}
