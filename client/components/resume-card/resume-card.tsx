import { useState } from 'preact/hooks';
import { useI18n } from '../../app-context.ts';
import { resumeLink } from '../../routes.tsx';
import { ResumeCodeText } from '../resume-code/resume-code.tsx';

type Copied = 'code' | 'link' | 'failed' | null;

function copyBySelection(text: string): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
  }
}

/**
 * The resume code and a link carrying it in the URL fragment (which browsers
 * never send to a server), both copyable, to continue on another device.
 */
export function ResumeCard({ resumeCode, headingLevel = 2, intro }: { resumeCode: string; headingLevel?: 2 | 3; intro?: string }) {
  const i18n = useI18n();
  const [copied, setCopied] = useState<Copied>(null);
  const link = resumeLink(window.location.origin, resumeCode);
  const copy = async (what: 'code' | 'link') => {
    const text = what === 'code' ? resumeCode : link;
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      // No Clipboard API outside secure contexts (plain http on a LAN address): the old way still works there.
      setCopied(copyBySelection(text) ? what : 'failed');
    }
  };
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const mail = `mailto:?subject=${encodeURIComponent(i18n.t('resume.mailSubject'))}&body=${encodeURIComponent(i18n.t('resume.mailBody', { link, code: resumeCode }))}`;
  return (
    <section class="card resume-card" aria-labelledby="resume-card-title">
      <Heading class="card__title" id="resume-card-title">
        {i18n.t('resume.cardTitle')}
      </Heading>
      <p>{intro ?? i18n.t('resume.cardIntro')}</p>
      <p class="resume-card__code-label" id="resume-code-label">
        {i18n.t('resume.codeLabel')}
      </p>
      <ResumeCodeText code={resumeCode} class="resume-code" labelledBy="resume-code-label" />
      <div class="button-row">
        <button type="button" class="button button--small" onClick={() => copy('code')}>
          {i18n.t('resume.copyCode')}
        </button>
        <button type="button" class="button button--small" onClick={() => copy('link')}>
          {i18n.t('resume.copyLink')}
        </button>
        <a class="button button--small button--quiet" href={mail}>
          {i18n.t('resume.mail')}
        </a>
      </div>
      <p class="resume-card__feedback" role="status" aria-live="polite">
        {copied === 'code' ? i18n.t('resume.codeCopied') : copied === 'link' ? i18n.t('resume.linkCopied') : copied === 'failed' ? i18n.t('resume.copyFailed') : ''}
      </p>
      <label class="resume-card__link-label" for="resume-link">
        {i18n.t('resume.linkLabel')}
      </label>
      <input id="resume-link" class="input input--link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
    </section>
  );
}
