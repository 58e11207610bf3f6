import { useEffect, useState, type FormEvent } from "react";

interface User {
  id: string;
  name: string;
  email: string;
}

/** The sign-in page and a signed-in landing; the full inbox arrives with the agent app. */
export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void fetch("/api/v1/session").then(async (r) =>
      setUser(r.ok ? ((await r.json()) as { user: User }).user : null),
    );
  }, []);

  const signIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const response = await fetch("/api/v1/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
    });
    if (response.ok) setUser(((await response.json()) as { user: User }).user);
    else setError(((await response.json()) as { error: { message: string } }).error.message);
  };

  if (user === undefined) return null;
  if (user) return <main>Signed in as {user.name}</main>;
  return (
    <main>
      <h1>Sign in to Heed</h1>
      <form onSubmit={(e) => void signIn(e)}>
        <label>
          Email <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
