import type { TUser } from "../../api/types.js";

/** Placeholder until the settings screens land (same commit series). */
export default function SettingsScene({ user, section }: { user: TUser; section: string }) {
  return (
    <main>
      {user.name} {section}
    </main>
  );
}
