import { useCallback, useState } from "react";
import { ApiError, type ApiErrorDetail } from "../api/client.js";

/** The error of a form's last submit: the server's message and, for 400s, each bad field. */
export function useFormError() {
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<ApiErrorDetail[]>([]);
  const capture = useCallback((caught: unknown) => {
    setError(caught instanceof Error ? caught.message : String(caught));
    setDetails(caught instanceof ApiError ? caught.details : []);
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setDetails([]);
  }, []);
  return { error, details, capture, clear };
}

/** Lists per-field errors (the server names the field, e.g. "email: invalid email address"). */
export function FieldErrors({ details }: { details: ApiErrorDetail[] }) {
  if (details.length <= 1) return null;
  return (
    <ul className="error">
      {details.map((detail, i) => (
        <li key={i}>{detail.field ? `${detail.field}: ${detail.message}` : detail.message}</li>
      ))}
    </ul>
  );
}
