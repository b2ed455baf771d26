// Shows a failure as the server worded it (error.message, already in the user's language).
import { useI18n } from '../i18n/I18n';

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorBox({ error }: { error: unknown }) {
  useI18n();
  if (error === null || error === undefined) return null;
  return (
    <p className="error" role="alert">
      {errorText(error)}
    </p>
  );
}
