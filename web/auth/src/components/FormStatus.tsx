interface FormStatusProps {
  error: string | null;
  pendingText: string | null;
}

/** The form-level error (announced at once) and the in-flight notice. */
export function FormStatus({ error, pendingText }: FormStatusProps) {
  return (
    <>
      {error && <div role="alert" className="auth-alert" tabIndex={-1}>{error}</div>}
      {pendingText && <p role="status" className="auth-status">{pendingText}</p>}
    </>
  );
}
