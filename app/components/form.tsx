/**
 * Form fields on Designsystemet's CSS with labels, descriptions and errors wired by id in the
 * server-rendered HTML, so they work with JavaScript off and are announced by screen readers.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { PASSWORD_MIN } from "~/models/password-rules";

type Common = { id: string; label: ReactNode; description?: ReactNode; error?: string | string[] | null; required?: boolean };

function describedBy(id: string, description: unknown, error: unknown) {
  return [description ? `${id}-desc` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ id, label, description, error, children, requiredMark }: Common & { children: ReactNode; requiredMark?: ReactNode }) {
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={id}>
        {label}
        {requiredMark}
      </label>
      {description ? (
        <div data-field="description" id={`${id}-desc`} className="ds-paragraph" data-size="sm">
          {description}
        </div>
      ) : null}
      {children}
      {message ? (
        <p className="ds-validation-message" data-field="validation" id={`${id}-error`} data-color="danger">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ id, label, description, error, required, ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "required">) {
  return (
    <FieldShell id={id} label={label} description={description} error={error}>
      <input
        id={id}
        className="ds-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        required={required}
        aria-required={required || undefined}
        {...rest}
      />
    </FieldShell>
  );
}

type PasswordField = { id: string; name: string; label: ReactNode; description?: ReactNode; error?: string | null };

/**
 * A new password and the same again (setting one with a link, changing one's own): the browser's
 * password manager offers a new password, and the minimum length is given as a hint; the server's
 * schema decides.
 */
export function NewPasswordFields({ password, repeat }: { password: PasswordField; repeat: PasswordField }) {
  return (
    <>
      <TextField {...password} type="password" autoComplete="new-password" minLength={PASSWORD_MIN} required />
      <TextField {...repeat} type="password" autoComplete="new-password" required />
    </>
  );
}

export function TextArea({ id, label, description, error, required, ...rest }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "required">) {
  return (
    <FieldShell id={id} label={label} description={description} error={error}>
      <textarea
        id={id}
        className="ds-input"
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        required={required}
        aria-required={required || undefined}
        {...rest}
      />
    </FieldShell>
  );
}

export function SelectField({
  id,
  label,
  description,
  error,
  required,
  options,
  ...rest
}: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "required"> & { options: { value: string; label: string }[] }) {
  return (
    <FieldShell id={id} label={label} description={description} error={error}>
      <select id={id} className="ds-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, description, error)} required={required} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Links to every field with an error; focus it after a failed submit so it is announced. */
export function ErrorSummary({ heading, errors }: { heading: string; errors: { id: string; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="ds-error-summary" role="alert" aria-labelledby="error-summary-heading" tabIndex={-1}>
      <h2 id="error-summary-heading" className="ds-heading" data-size="xs">
        {heading}
      </h2>
      <ul className="ds-list">
        {errors.map((e) => (
          <li key={e.id}>
            <a href={`#${e.id}`} className="ds-link">
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The confirmation checkbox of a destructive step (value "yes"), its error next to it and announced with the field. */
export function ConfirmBox({ id, name = "confirm", label, error, required = true }: { id: string; name?: string; label: string; error?: string; required?: boolean }) {
  return (
    <div className="ds-field">
      <input
        className="ds-input"
        type="checkbox"
        id={id}
        name={name}
        value="yes"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p className="ds-validation-message" id={`${id}-error`} data-color="danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
