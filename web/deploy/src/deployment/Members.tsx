import { useEffect, useRef, useState, type FormEvent } from 'react';
import { addMember, removeMember, type Member } from '../api/deployments';
import { FormAlert } from '../components/FormAlert';
import { describeFailure } from '../describeFailure';
import { formatDate } from '../format';
import type { Messages } from '../i18n';
import type { Lang, Session } from '../session';

interface MembersProps {
  deploymentId: string;
  members: Member[];
  isOwner: boolean;
  session: Session;
  lang: Lang;
  t: Messages;
  onChanged: () => void;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The sellers who share the deployment; its owner adds them by email and removes them. */
export function Members({ deploymentId, members: polled, isOwner, session, lang, t, onChanged }: MembersProps) {
  // The answer of a change is newer than the last poll until the next poll catches up.
  const [members, setMembers] = useState(polled);
  useEffect(() => setMembers(polled), [polled]);
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [pending, setPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const change = async (work: () => Promise<Member[]>, done: string) => {
    setPending(true);
    setFailure(null);
    try {
      setMembers(await work());
      setNotice(done);
      onChanged();
      return true;
    } catch (error) {
      setFailure(describeFailure(error, t));
      return false;
    } finally {
      setPending(false);
    }
  };

  const onAdd = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wanted = email.trim();
    setNotice('');
    if (!EMAIL_SHAPE.test(wanted)) {
      setFieldError(t.invalidEmail);
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    if (await change(() => addMember(session.accessToken, deploymentId, wanted), t.memberAdded(wanted))) setEmail('');
    else inputRef.current?.focus();
  };

  return (
    <section className="dp-section" aria-labelledby="dp-members-heading">
      <h2 id="dp-members-heading">{t.membersHeading}</h2>
      <p className="dp-hint">{isOwner ? t.membersIntro : t.membersOwnerOnly}</p>
      {members.length === 0 ? (
        <p>{t.noMembers}</p>
      ) : (
        <ul className="dp-members" aria-labelledby="dp-members-heading">
          {members.map((member) => (
            <li key={member.userId}>
              <span className="dp-member-email">{member.email}</span>
              <span className="dp-hint">{t.addedOn(formatDate(member.addedAt, lang, 'medium'))}</span>
              {isOwner && (
                <button
                  type="button"
                  className="dp-button dp-button-small"
                  aria-label={t.removeMember(member.email)}
                  disabled={pending}
                  onClick={() => {
                    setNotice('');
                    void change(() => removeMember(session.accessToken, deploymentId, member.userId), t.memberRemoved(member.email));
                  }}
                >
                  {t.remove}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p role="status" className="dp-hint">{notice}</p>
      {isOwner && (
        <form className="dp-inline-form" noValidate onSubmit={(event) => void onAdd(event)}>
          <FormAlert message={failure} />
          <div className="dp-field">
            <label htmlFor="dp-member-email">{t.memberEmail}</label>
            <input
              ref={inputRef}
              id="dp-member-email"
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              aria-invalid={fieldError || failure ? true : undefined}
              aria-describedby={fieldError ? 'dp-member-email-error' : undefined}
            />
            {fieldError && <p id="dp-member-email-error" className="dp-field-error">{fieldError}</p>}
          </div>
          <button type="submit" className="dp-button" disabled={pending}>{pending ? t.addingMember : t.addMember}</button>
        </form>
      )}
    </section>
  );
}
