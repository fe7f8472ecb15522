/**
 * Admins manage the accounts: create one (the server generates the password
 * and answers it once), change a role, disable or enable. Every change is
 * written to the audit log by the server.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../../api/api-result.ts';
import { STAFF_ROLES, type CreatedUser, type StaffRole, type StaffUser, type UserChange } from '../../api/staff-api.ts';
import { useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import { failureMessage, roleLabel } from './staff-labels.ts';
import { StaffHeading } from './staff-heading.tsx';
import { StaffLayout } from './staff-layout.tsx';
import { useStaff } from './staff-state.ts';

export function UsersPage() {
  const i18n = useI18n();
  const staff = useStaff();
  const auth = staff.auth.value;
  const me = auth.status === 'in' ? auth.user : null;
  const [users, setUsers] = useState<StaffUser[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<ApiFailure | null>(null);
  const [changeFailure, setChangeFailure] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // Remounts the role selects after a refused change, so they show the server's value again.
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    void staff.api.users().then((result) => (result.ok ? setUsers(result.value) : setLoadFailure(result.failure)));
  }, []);

  const change = async (user: StaffUser, patch: UserChange, done: string) => {
    setChangeFailure(null);
    setAnnouncement('');
    const result = await staff.api.updateUser(user.id, patch);
    if (!result.ok) {
      setChangeFailure(failureMessage(i18n, result.failure));
      setRevision((r) => r + 1);
      return;
    }
    setUsers((list) => list?.map((u) => (u.id === user.id ? result.value : u)) ?? null);
    setAnnouncement(done);
  };

  const added = (created: CreatedUser) => {
    setUsers((list) => [...(list ?? []), created.user].sort((a, b) => a.email.localeCompare(b.email)));
  };

  return (
    <StaffLayout current="users">
      <StaffHeading page="/benutzer" eyebrow={i18n.t('staff.area')}>
        {i18n.t('staff.users.title')}
      </StaffHeading>
      <p class="lead">{i18n.t('staff.users.intro')}</p>

      <div class="users">
        <CreateUserForm onCreated={added} />

        <section class="card users__list" aria-labelledby="users-table-caption">
          {loadFailure ? <Notice kind="error">{failureMessage(i18n, loadFailure)}</Notice> : null}
          {changeFailure ? <Notice kind="error">{changeFailure}</Notice> : null}
          <p class="visually-hidden" role="status" aria-live="polite">
            {announcement}
          </p>
          {users ? (
            <div class="table-scroll" role="region" aria-labelledby="users-table-caption" tabIndex={0}>
              <table class="data-table data-table--users">
                <caption id="users-table-caption" class="data-table__caption--heading">
                  {i18n.t('staff.users.tableCaption', { count: users.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{i18n.t('staff.users.name')}</th>
                    <th scope="col">{i18n.t('staff.users.email')}</th>
                    <th scope="col">{i18n.t('staff.users.role')}</th>
                    <th scope="col">{i18n.t('staff.users.status')}</th>
                    <th scope="col">{i18n.t('staff.users.created')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{i18n.t('staff.users.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => {
                    const self = user.id === me?.id;
                    const who = user.name || user.email;
                    return (
                      <tr key={user.id} class={user.disabled ? 'data-table__muted' : undefined}>
                        <th scope="row">
                          {user.name || '–'}
                          {self ? <span class="tag">{i18n.t('staff.users.you')}</span> : null}
                        </th>
                        <td>{user.email}</td>
                        <td>
                          <label class="visually-hidden" for={`role-${user.id}`}>
                            {i18n.t('staff.users.roleOf', { name: who })}
                          </label>
                          <select
                            key={`${user.id}-${revision}`}
                            id={`role-${user.id}`}
                            class="input input--compact"
                            value={user.role}
                            onChange={(e) => {
                              const role = e.currentTarget.value as StaffRole;
                              void change(user, { role }, i18n.t('staff.users.roleChanged', { name: who, role: roleLabel(i18n, role) }));
                            }}
                          >
                            {STAFF_ROLES.map((role) => (
                              <option key={role} value={role}>
                                {roleLabel(i18n, role)}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <span class={user.disabled ? 'badge badge--off' : 'badge badge--done'}>{user.disabled ? i18n.t('staff.users.disabled') : i18n.t('staff.users.active')}</span>
                        </td>
                        <td class="nowrap">{i18n.date(user.createdAt)}</td>
                        <td class="data-table__action">
                          {self ? null : (
                            <button
                              type="button"
                              class="button button--small button--quiet"
                              onClick={() =>
                                void change(user, { disabled: !user.disabled }, i18n.t(user.disabled ? 'staff.users.enabledDone' : 'staff.users.disabledDone', { name: who }))
                              }
                            >
                              {i18n.t(user.disabled ? 'staff.users.enable' : 'staff.users.disable')}
                              <span class="visually-hidden"> {who}</span>
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : loadFailure ? null : (
            <p class="loading">{i18n.t('staff.loading')}</p>
          )}
        </section>
      </div>
    </StaffLayout>
  );
}

function CreateUserForm({ onCreated }: { onCreated(created: CreatedUser): void }) {
  const i18n = useI18n();
  const staff = useStaff();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const [busy, setBusy] = useState(false);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const [copied, setCopied] = useState(false);
  const createdRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // The one-time password is what the admin came for: move there so it is read out.
    if (created) createdRef.current?.focus();
  }, [created]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setEmailError(null);
    setFailure(null);
    setCreated(null);
    setCopied(false);
    const result = await staff.api.createUser({ email: email.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) });
    setBusy(false);
    if (!result.ok) {
      if (result.failure.code === 'user.email-taken') setEmailError(i18n.t('staff.users.emailTaken'));
      else if (result.failure.code === 'request.invalid' && result.failure.errors.some((error) => error.pointer === '/email')) setEmailError(i18n.t('staff.users.emailInvalid'));
      else setFailure(failureMessage(i18n, result.failure));
      emailRef.current?.focus();
      return;
    }
    setCreated(result.value);
    setEmail('');
    setName('');
    setRole('staff');
    onCreated(result.value);
  };

  const copy = async () => {
    if (!created?.generatedPassword) return;
    try {
      await navigator.clipboard.writeText(created.generatedPassword);
      setCopied(true);
    } catch {
      // No clipboard (permission, old browser): the password is on screen and selectable.
      setCopied(false);
    }
  };

  return (
    <section class="card users__create" aria-labelledby="create-user-title">
      <h2 id="create-user-title" class="chart-card__title">
        {i18n.t('staff.users.createTitle')}
      </h2>
      {created ? (
        <div class="created-user" tabIndex={-1} ref={createdRef} role="status">
          <p class="created-user__title">{i18n.t('staff.users.createdDone', { email: created.user.email })}</p>
          {created.generatedPassword ? (
            <>
              <p class="created-user__label" id="created-password-label">
                {i18n.t('staff.users.passwordOnce')}
              </p>
              <p class="created-user__password" aria-labelledby="created-password-label">
                <code>{created.generatedPassword}</code>
              </p>
              <button type="button" class="button button--small" onClick={copy}>
                {copied ? i18n.t('staff.users.copied') : i18n.t('staff.users.copy')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      <form onSubmit={submit} class="users__form">
        {failure ? <Notice kind="error">{failure}</Notice> : null}
        <div class="field">
          <label class="field__label" for="new-user-email">
            {i18n.t('staff.users.email')}
          </label>
          <input
            id="new-user-email"
            ref={emailRef}
            class="input"
            type="email"
            required
            autoComplete="off"
            value={email}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={emailError ? 'new-user-email-error' : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          {emailError ? (
            <p id="new-user-email-error" class="field-error">
              {emailError}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label class="field__label" for="new-user-name">
            {i18n.t('staff.users.nameOptional')}
          </label>
          <input id="new-user-name" class="input" type="text" autoComplete="off" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label class="field__label" for="new-user-role">
            {i18n.t('staff.users.role')}
          </label>
          <select id="new-user-role" class="input" value={role} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(i18n, r)}
              </option>
            ))}
          </select>
        </div>
        <p class="hint">{i18n.t('staff.users.passwordHint')}</p>
        <button type="submit" class="button button--primary" aria-disabled={busy}>
          {i18n.t('staff.users.create')}
        </button>
      </form>
    </section>
  );
}
