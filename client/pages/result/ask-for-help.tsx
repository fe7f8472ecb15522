/**
 * "Ich habe Interesse" / "Bitte kontaktieren Sie mich" on every referred
 * workshop and partner. A business that has not given contact details and
 * consent is asked for them first (the consent text comes from the server
 * with its version); each click gets one request id, so a resend — a double
 * click, a retry after a dropped connection — is the same request. What it
 * asked for is listed, and each request and the consent can be withdrawn.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ApiClient, Credentials } from '../../api/api-client.ts';
import type { ContactConsent, HelpRequest, MyContact, OfferKind, RequestKind } from '../../../api/leads.ts';
import { Notice } from '../../components/notice/notice.tsx';
import type { Translator } from '../../state/i18n.ts';

interface Pending {
  requestId: string;
  offerKind: OfferKind;
  offerId: string;
  kind: RequestKind;
  title: string;
}

export interface HelpRequests {
  mine: MyContact | null;
  consent: ContactConsent | null;
  pending: Pending | null;
  error: string | null;
  ask(offer: Omit<Pending, 'requestId'>): Promise<void>;
  submitContact(details: { name: string; email: string; phone: string }): Promise<void>;
  cancel(): void;
  withdraw(requestId: string): Promise<void>;
  withdrawConsent(): Promise<void>;
}

export const HelpContext = createContext<HelpRequests | null>(null);

const newId = () => crypto.randomUUID();

/** The state of a business's requests on its result page, loaded once. */
export function useHelpRequests(api: ApiClient, credentials: Credentials, i18n: Translator): HelpRequests {
  const [mine, setMine] = useState<MyContact | null>(null);
  const [consent, setConsent] = useState<ContactConsent | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.myContact(credentials).then((r) => r.ok && setMine(r.value));
    void api.contactConsent().then((r) => r.ok && setConsent(r.value));
  }, [credentials.id]);

  const send = async (p: Pending) => {
    // The page's language is the business's: its confirmation mail comes in it.
    const sent = await api.ask(credentials, { requestId: p.requestId, offerKind: p.offerKind, offerId: p.offerId, kind: p.kind, locale: i18n.locale });
    if (sent.ok) {
      setPending(null);
      setError(null);
      const reloaded = await api.myContact(credentials);
      if (reloaded.ok) setMine(reloaded.value);
    } else if (sent.failure.status === 409) setPending(p);
    else setError(sent.failure.status === 0 ? i18n.t('error.offline') : i18n.t('help.failed'));
  };

  return {
    mine,
    consent,
    pending,
    error,
    async ask(offer) {
      const p = { ...offer, requestId: newId() };
      if (!mine?.contact) setPending(p);
      else await send(p);
    },
    async submitContact(details) {
      if (!consent || !pending) return;
      const saved = await api.saveContact(credentials, {
        name: details.name.trim(),
        ...(details.email.trim() ? { email: details.email.trim() } : {}),
        ...(details.phone.trim() ? { phone: details.phone.trim() } : {}),
        consentVersion: consent.version,
      });
      if (!saved.ok) {
        setError(saved.failure.errors.length ? saved.failure.errors.map((e) => i18n.t(`help.field.${e.pointer === '/phone' ? 'phone' : e.pointer === '/name' ? 'name' : 'email'}`)).join(' ') : i18n.t('help.failed'));
        return;
      }
      setMine(saved.value);
      await send(pending);
    },
    cancel: () => setPending(null),
    async withdraw(requestId) {
      const done = await api.withdrawRequest(credentials, requestId);
      if (done.ok && mine) setMine({ ...mine, requests: mine.requests.filter((r) => r.id !== requestId) });
    },
    async withdrawConsent() {
      const done = await api.withdrawConsent(credentials);
      if (done.ok) setMine({ contact: null, requests: [] });
    },
  };
}

/** The two buttons of one offer, or what was asked already. */
export function AskButtons({ offerKind, offerId, title, i18n }: { offerKind: OfferKind; offerId: string; title: string; i18n: Translator }) {
  const help = useContext(HelpContext);
  if (!help) return null;
  const asked = (kind: RequestKind) => help.mine?.requests.some((r) => r.offerKind === offerKind && r.offerId === offerId && r.kind === kind) ?? false;
  const button = (kind: RequestKind) =>
    asked(kind) ? (
      <p class="ask__done" role="status">
        {i18n.t(kind === 'interest' ? 'help.interestSent' : 'help.contactSent')}
      </p>
    ) : (
      <button type="button" class="button button--secondary" onClick={() => void help.ask({ offerKind, offerId, kind, title })}>
        {i18n.t(kind === 'interest' ? 'help.interest' : 'help.contact')}
        <span class="visually-hidden">: {title}</span>
      </button>
    );
  return (
    <div class="ask">
      {button('interest')}
      {button('contact')}
    </div>
  );
}

/** The contact form when one is needed, and the list of what the business asked for. */
export function HelpPanel({ i18n }: { i18n: Translator }) {
  const help = useContext(HelpContext);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [agreed, setAgreed] = useState(false);
  if (!help) return null;
  const requests: HelpRequest[] = help.mine?.requests ?? [];
  return (
    <section class="result__section" aria-labelledby="help-title">
      <h2 id="help-title">{i18n.t('help.title')}</h2>
      {help.pending ? (
        <form
          class="card ask-form"
          aria-labelledby="ask-form-title"
          onSubmit={(event) => {
            event.preventDefault();
            if (agreed) void help.submitContact({ name, email, phone });
          }}
        >
          <h3 id="ask-form-title" class="card__title">
            {i18n.t('help.formTitle', { offer: help.pending.title })}
          </h3>
          <p>{i18n.t('help.formIntro')}</p>
          <label class="field">
            <span>{i18n.t('help.name')}</span>
            <input type="text" required maxLength={200} autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{i18n.t('help.email')}</span>
            <input type="email" maxLength={254} autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{i18n.t('help.phone')}</span>
            <input type="tel" maxLength={30} autoComplete="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
          </label>
          <label class="choice">
            <input type="checkbox" required checked={agreed} onChange={(e) => setAgreed(e.currentTarget.checked)} />
            <span class="choice__body">
              <span class="choice__label">{help.consent ? i18n.text(help.consent.text) : ''}</span>
            </span>
          </label>
          {help.error ? <Notice kind="error">{help.error}</Notice> : null}
          <div class="ask">
            <button type="submit" class="button" disabled={!agreed || !name.trim() || (!email.trim() && !phone.trim())}>
              {i18n.t('help.send')}
            </button>
            <button type="button" class="button button--secondary" onClick={help.cancel}>
              {i18n.t('help.cancel')}
            </button>
          </div>
        </form>
      ) : help.error ? (
        <Notice kind="error">{help.error}</Notice>
      ) : null}
      {requests.length ? (
        <>
          <p>{i18n.t('help.askedIntro')}</p>
          <ul class="asked">
            {requests.map((r) => (
              <li key={r.id}>
                <span>
                  {i18n.t(r.kind === 'interest' ? 'help.interestSent' : 'help.contactSent')}: {i18n.text(r.title)}
                  {r.start ? ` (${i18n.date(r.start, true)})` : ''}
                </span>{' '}
                <button type="button" class="button button--link" onClick={() => void help.withdraw(r.id)}>
                  {i18n.t('help.withdraw')}
                  <span class="visually-hidden">: {i18n.text(r.title)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{i18n.t('help.intro')}</p>
      )}
      {help.mine?.contact ? (
        <p>
          {i18n.t('help.consentGiven', { name: help.mine.contact.name })}{' '}
          <button type="button" class="button button--link" onClick={() => void help.withdrawConsent()}>
            {i18n.t('help.withdrawConsent')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
