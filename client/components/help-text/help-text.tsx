import { useI18n } from '../../app-context.ts';

/** An explanation folded away until asked for, so the question itself stays short. */
export function HelpText({ text, label }: { text: string; label?: string }) {
  const i18n = useI18n();
  return (
    <details class="help">
      <summary>{label ?? i18n.t('question.help')}</summary>
      <p>{text}</p>
    </details>
  );
}
